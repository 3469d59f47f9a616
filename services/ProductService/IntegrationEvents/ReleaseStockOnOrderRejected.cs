using CloudPatterns.Contracts.Events;
using CloudPatterns.ProductService.Inventory;
using CloudPatterns.ServiceDefaults.Events;

namespace CloudPatterns.ProductService.IntegrationEvents;

/// <summary>orders.rejected → give back whatever the order holds.</summary>
public sealed class ReleaseStockOnOrderRejected(ReservationCoordinator coordinator) : IIntegrationEventHandler<OrderRejected>
{
    public async Task<EventOutcome> HandleAsync(OrderRejected integrationEvent, CancellationToken cancellationToken)
    {
        await coordinator.ReleaseAsync(integrationEvent.OrderId, integrationEvent.Lines ?? [], cancellationToken);
        return EventOutcome.Success;
    }
}
