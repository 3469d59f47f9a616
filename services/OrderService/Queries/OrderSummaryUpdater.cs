namespace CloudPatterns.OrderService.Queries;

/// <summary>
/// Keeps the read model up to date from events: idempotent per event id, tolerant of any delivery order,
/// and read again on write races.
/// </summary>
public sealed class OrderSummaryUpdater(QueryStore store)
{
    public async Task ApplyAsync(IIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var orderId = OrderProjection.OrderIdOf(integrationEvent);
        var result = await store.UpdateOrderAsync(orderId, summary => summary?.AppliedEvents.Contains(integrationEvent.EventId) == true
            ? UpdateDecision<OrderSummary>.Keep()
            : UpdateDecision<OrderSummary>.Write(OrderProjection.Apply(summary ?? OrderSummary.Empty(orderId, integrationEvent.OccurredAt), integrationEvent)),
            cancellationToken);

        // Also when the event was seen before: the index may not have followed if the last delivery stopped half-way.
        await store.TrackUnsettledAsync(result.ValueOrThrow()!, cancellationToken);
    }
}
