namespace CloudPatterns.OrderService.Orders;

/// <summary>
/// Orders in order-store. Status changes are single-key ETag writes, not transactions: order-store's
/// outbox publishes every transaction to orders.submitted, and only the intake (<see cref="Intake.OrderIntake"/>)
/// means to do that.
/// </summary>
public sealed class OrderStore(DaprClient dapr)
{
    public async Task<(OrderRecord? Order, string ETag)> GetAsync(string orderId, CancellationToken cancellationToken)
    {
        var (order, etag) = await dapr.ReadStateAsync<OrderRecord?>(DaprComponents.OrderStore, Key(orderId), cancellationToken: cancellationToken);
        return (order, etag);
    }

    /// <summary>Replaces the order if it still has <paramref name="etag"/>; false when someone wrote it first.</summary>
    public Task<bool> TryReplaceAsync(OrderRecord order, string etag, CancellationToken cancellationToken) =>
        dapr.TrySaveStateAsync(DaprComponents.OrderStore, Key(order.OrderId), order, etag, StateOperations.FirstWrite, cancellationToken: cancellationToken);

    /// <summary>Reads the order, lets <paramref name="decide"/> say what it becomes, and writes it over the ETag (see <see cref="StateUpdate"/>).</summary>
    public Task<UpdateResult<OrderRecord>> UpdateAsync(string orderId, Func<OrderRecord?, UpdateDecision<OrderRecord>> decide, CancellationToken cancellationToken) =>
        StateUpdate.RunAsync(ct => GetAsync(orderId, ct), decide, (order, etag, ct) => TryReplaceAsync(order, etag, ct), cancellationToken);

    public static string Key(string orderId) => $"order:{orderId}";
}
