using CloudPatterns.Contracts.Events;
using CloudPatterns.ProductService.Inventory;
using CloudPatterns.ServiceDefaults.Events;

namespace CloudPatterns.ProductService.IntegrationEvents;

/// <summary>orders.cancelled → give back whatever the order holds.</summary>
public sealed class ReleaseStockOnOrderCancelled(ReservationCoordinator coordinator) : IIntegrationEventHandler<OrderCancelled>
{
    public async Task<EventOutcome> HandleAsync(OrderCancelled integrationEvent, CancellationToken cancellationToken)
    {
        await coordinator.ReleaseAsync(integrationEvent.OrderId, integrationEvent.Lines ?? [], cancellationToken);
        return EventOutcome.Success;
    }
}
