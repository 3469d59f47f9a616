namespace CloudPatterns.ProductService.IntegrationEvents;

/// <summary>orders.confirmed → the order's holds become permanent decrements.</summary>
public sealed class CommitStockOnOrderConfirmed(ReservationCoordinator coordinator) : IIntegrationEventHandler<OrderConfirmed>
{
    public async Task<EventOutcome> HandleAsync(OrderConfirmed integrationEvent, CancellationToken cancellationToken)
    {
        var reservation = await coordinator.CommitAsync(integrationEvent.OrderId, cancellationToken);

        // Delivered before the orders.created that precedes it: try again once the reservation exists.
        return reservation is null
            ? EventOutcome.Retry($"order {integrationEvent.OrderId} has no reservation yet")
            : EventOutcome.Success;
    }
}
