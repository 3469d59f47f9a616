namespace CloudPatterns.ProductService.IntegrationEvents;

/// <summary>orders.rejected / orders.cancelled → give back whatever the order holds.</summary>
public sealed class ReleaseStock(ReservationCoordinator coordinator) : IIntegrationEventHandler<OrderRejected>, IIntegrationEventHandler<OrderCancelled>
{
    public Task<EventOutcome> HandleAsync(OrderRejected integrationEvent, CancellationToken cancellationToken) =>
        ReleaseAsync(integrationEvent.OrderId, integrationEvent.Lines, cancellationToken);

    public Task<EventOutcome> HandleAsync(OrderCancelled integrationEvent, CancellationToken cancellationToken) =>
        ReleaseAsync(integrationEvent.OrderId, integrationEvent.Lines, cancellationToken);

    private async Task<EventOutcome> ReleaseAsync(string orderId, IReadOnlyList<OrderLine> lines, CancellationToken cancellationToken)
    {
        await coordinator.ReleaseAsync(orderId, lines, cancellationToken);
        return EventOutcome.Success;
    }
}
