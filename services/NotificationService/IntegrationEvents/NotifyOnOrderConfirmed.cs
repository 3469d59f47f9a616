using CloudPatterns.Contracts.Events;
using CloudPatterns.NotificationService.Delivery;
using CloudPatterns.NotificationService.Messages;
using CloudPatterns.ServiceDefaults.Events;

namespace CloudPatterns.NotificationService.IntegrationEvents;

public sealed class NotifyOnOrderConfirmed(Notifier notifier, MessageTemplates templates) : IIntegrationEventHandler<OrderConfirmed>
{
    public Task<EventOutcome> HandleAsync(OrderConfirmed integrationEvent, CancellationToken cancellationToken) =>
        notifier.NotifyAsync(new Notification(integrationEvent.OrderId, integrationEvent.CustomerId, NotificationKind.OrderConfirmed,
            templates.OrderConfirmed(integrationEvent), integrationEvent.EventId), cancellationToken);
}
