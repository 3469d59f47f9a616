using CloudPatterns.Contracts.Events;
using CloudPatterns.Contracts.Orders;
using CloudPatterns.NotificationService.Delivery;
using CloudPatterns.NotificationService.Messages;
using CloudPatterns.ServiceDefaults.Events;

namespace CloudPatterns.NotificationService.IntegrationEvents;

/// <summary>
/// A rejected order. Out-of-stock and payment rejections are the same news as inventory.insufficient and
/// payments.failed, so they share those kinds: whichever event arrives first is the one message sent.
/// </summary>
public sealed class NotifyOnOrderRejected(Notifier notifier, MessageTemplates templates) : IIntegrationEventHandler<OrderRejected>
{
    public Task<EventOutcome> HandleAsync(OrderRejected integrationEvent, CancellationToken cancellationToken)
    {
        var (orderId, customerId) = (integrationEvent.OrderId, integrationEvent.CustomerId);
        var (kind, message) = integrationEvent.Reason switch
        {
            RejectionReasons.OutOfStock => (NotificationKind.OutOfStock, templates.OutOfStock(orderId, customerId, integrationEvent.Shortages)),
            RejectionReasons.PaymentFailed => (NotificationKind.PaymentFailed, templates.PaymentFailed(orderId, customerId, integrationEvent.Detail)),
            _ => (NotificationKind.OrderRejected, templates.OrderRejected(orderId, customerId, integrationEvent.Reason)),
        };
        return notifier.NotifyAsync(new Notification(orderId, customerId, kind, message, integrationEvent.EventId), cancellationToken);
    }
}
