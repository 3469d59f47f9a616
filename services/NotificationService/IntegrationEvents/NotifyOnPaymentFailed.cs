using CloudPatterns.Contracts.Events;
using CloudPatterns.NotificationService.Delivery;
using CloudPatterns.NotificationService.Messages;
using CloudPatterns.ServiceDefaults.Events;

namespace CloudPatterns.NotificationService.IntegrationEvents;

/// <summary>The payment news. orders.rejected (payment-failed) carries the same news and is not sent again.</summary>
public sealed class NotifyOnPaymentFailed(Notifier notifier, MessageTemplates templates) : IIntegrationEventHandler<PaymentFailed>
{
    public Task<EventOutcome> HandleAsync(PaymentFailed integrationEvent, CancellationToken cancellationToken) =>
        notifier.NotifyAsync(new Notification(integrationEvent.OrderId, integrationEvent.CustomerId, NotificationKind.PaymentFailed,
            templates.PaymentFailed(integrationEvent.OrderId, integrationEvent.CustomerId ?? string.Empty, integrationEvent.Reason),
            integrationEvent.EventId), cancellationToken);
}
