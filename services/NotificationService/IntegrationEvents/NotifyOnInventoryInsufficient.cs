using CloudPatterns.Contracts.Events;
using CloudPatterns.NotificationService.Delivery;
using CloudPatterns.NotificationService.Messages;
using CloudPatterns.ServiceDefaults.Events;

namespace CloudPatterns.NotificationService.IntegrationEvents;

/// <summary>The out-of-stock news, naming the short SKUs. orders.rejected (out-of-stock) carries the same news and is not sent again.</summary>
public sealed class NotifyOnInventoryInsufficient(Notifier notifier, MessageTemplates templates) : IIntegrationEventHandler<InventoryInsufficient>
{
    public Task<EventOutcome> HandleAsync(InventoryInsufficient integrationEvent, CancellationToken cancellationToken) =>
        notifier.NotifyAsync(new Notification(integrationEvent.OrderId, integrationEvent.CustomerId, NotificationKind.OutOfStock,
            templates.OutOfStock(integrationEvent.OrderId, integrationEvent.CustomerId ?? string.Empty, integrationEvent.Shortages),
            integrationEvent.EventId), cancellationToken);
}
