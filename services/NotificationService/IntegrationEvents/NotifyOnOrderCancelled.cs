using CloudPatterns.Contracts.Events;
using CloudPatterns.NotificationService.Delivery;
using CloudPatterns.NotificationService.Messages;
using CloudPatterns.ServiceDefaults.Events;

namespace CloudPatterns.NotificationService.IntegrationEvents;

public sealed class NotifyOnOrderCancelled(Notifier notifier, MessageTemplates templates) : IIntegrationEventHandler<OrderCancelled>
{
    public Task<EventOutcome> HandleAsync(OrderCancelled integrationEvent, CancellationToken cancellationToken) =>
        notifier.NotifyAsync(new Notification(integrationEvent.OrderId, integrationEvent.CustomerId, NotificationKind.OrderCancelled,
            templates.OrderCancelled(integrationEvent), integrationEvent.EventId), cancellationToken);
}
