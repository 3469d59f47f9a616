namespace CloudPatterns.ProductService.IntegrationEvents;

/// <summary>orders.created → hold the order's stock → inventory.reserved or inventory.insufficient.</summary>
public sealed class ReserveStockOnOrderCreated(ReservationCoordinator coordinator) : IIntegrationEventHandler<OrderCreated>
{
    public async Task<EventOutcome> HandleAsync(OrderCreated integrationEvent, CancellationToken cancellationToken)
    {
        await coordinator.ReserveAsync(integrationEvent, cancellationToken);
        return EventOutcome.Success;
    }
}
