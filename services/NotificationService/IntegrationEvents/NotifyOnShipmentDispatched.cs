using CloudPatterns.Contracts.Events;
using CloudPatterns.NotificationService.Delivery;
using CloudPatterns.NotificationService.Messages;
using CloudPatterns.ServiceDefaults.Events;

namespace CloudPatterns.NotificationService.IntegrationEvents;

public sealed class NotifyOnShipmentDispatched(Notifier notifier, MessageTemplates templates) : IIntegrationEventHandler<ShipmentDispatched>
{
    public Task<EventOutcome> HandleAsync(ShipmentDispatched integrationEvent, CancellationToken cancellationToken) =>
        notifier.NotifyAsync(new Notification(integrationEvent.OrderId, integrationEvent.CustomerId, NotificationKind.Shipped,
            templates.Shipped(integrationEvent, integrationEvent.CustomerId ?? string.Empty), integrationEvent.EventId), cancellationToken);
}
