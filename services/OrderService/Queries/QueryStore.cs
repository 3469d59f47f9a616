namespace CloudPatterns.OrderService.Queries;

/// <summary>
/// The read model in order-query-store: a summary per order and a list per customer, written together
/// in one transaction guarded by both ETags.
/// </summary>
public sealed class QueryStore(DaprClient dapr)
{
    private const string Store = DaprComponents.OrderQueryStore;

    /// <summary>Summaries, customers' lists and the index change together, so they share one partition (see <see cref="StateOperations.Partition"/>).</summary>
    private static readonly IReadOnlyDictionary<string, string> s_partition = StateOperations.Partition("order-query");

    public async Task<(OrderSummary? Summary, string ETag)> GetOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        var (summary, etag) = await dapr.ReadStateAsync<OrderSummary?>(Store, OrderKey(orderId), metadata: s_partition, cancellationToken: cancellationToken);
        return (summary, etag);
    }

    public async Task<(CustomerOrderList List, string ETag)> GetCustomerAsync(string customerId, CancellationToken cancellationToken)
    {
        var (list, etag) = await dapr.ReadStateAsync<CustomerOrderList?>(Store, CustomerKey(customerId), metadata: s_partition, cancellationToken: cancellationToken);
        return (list ?? CustomerOrderList.Empty, etag);
    }

    /// <summary>
    /// Reads the order's summary, lets <paramref name="decide"/> say what it becomes, and writes it with its line in
    /// the customer's list, in one transaction guarded by both ETags (see <see cref="StateUpdate"/>).
    /// </summary>
    public Task<UpdateResult<OrderSummary>> UpdateOrderAsync(string orderId, Func<OrderSummary?, UpdateDecision<OrderSummary>> decide, CancellationToken cancellationToken) =>
        StateUpdate.RunAsync(ct => GetOrderAsync(orderId, ct), decide, TrySaveAsync, cancellationToken);

    private async Task<bool> TrySaveAsync(OrderSummary summary, string summaryETag, CancellationToken cancellationToken)
    {
        var writes = new List<StateTransactionRequest> { StateOperations.Write(OrderKey(summary.OrderId), summary, summaryETag) };
        var listETag = string.Empty;
        if (summary.CustomerId is { } customerId)
        {
            (var list, listETag) = await GetCustomerAsync(customerId, cancellationToken);
            writes.Add(StateOperations.Write(CustomerKey(customerId),
                list.With(new CustomerOrder(summary.OrderId, summary.Status, summary.Total, summary.SubmittedAt ?? summary.UpdatedAt, summary.UpdatedAt)), listETag));
        }

        return await StateOperations.TryWriteAsync(
            () => dapr.ExecuteStateTransactionAsync(Store, writes, s_partition, cancellationToken),
            async () => (await GetOrderAsync(summary.OrderId, cancellationToken)).ETag != summaryETag
                || (summary.CustomerId is { } customer && (await GetCustomerAsync(customer, cancellationToken)).ETag != listETag));
    }

    /// <summary>Orders whose processing is not over, in <see cref="UnsettledShards"/> documents (so no one document takes every order's writes).</summary>
    public async Task<IReadOnlyList<string>> UnsettledOrderIdsAsync(CancellationToken cancellationToken)
    {
        var shards = await dapr.GetBulkStateAsync<UnsettledOrders?>(Store,
            Enumerable.Range(0, UnsettledShards).Select(ShardKey).ToList(), parallelism: 4, s_partition, cancellationToken);
        return shards.SelectMany(s => s.Value?.OrderIds ?? []).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Keeps the order in the unsettled index while <see cref="OrderSummary.IsUnsettled"/>, and out of it after. The
    /// summary is read again once the index is written: events for one order are handled concurrently, so the caller's
    /// copy may be older than one another handler indexed since, and indexing it last would list a settled order for good.
    /// </summary>
    public async Task TrackUnsettledAsync(OrderSummary summary, CancellationToken cancellationToken)
    {
        for (var unsettled = summary.IsUnsettled; ;)
        {
            await IndexAsync(summary.OrderId, unsettled, cancellationToken);
            var (current, _) = await GetOrderAsync(summary.OrderId, cancellationToken);
            if (current is null || current.IsUnsettled == unsettled)
            {
                return;
            }

            unsettled = current.IsUnsettled;
        }
    }

    private async Task IndexAsync(string orderId, bool unsettled, CancellationToken cancellationToken)
    {
        var key = ShardKey(StableIds.Hash(orderId)[0] % UnsettledShards);
        var result = await StateUpdate.RunAsync(
            async ct => await dapr.ReadStateAsync<UnsettledOrders?>(Store, key, metadata: s_partition, cancellationToken: ct),
            shard =>
            {
                var ids = shard?.OrderIds ?? [];
                var listed = ids.Contains(orderId, StringComparer.Ordinal);
                return (unsettled, listed) switch
                {
                    (true, false) => UpdateDecision<UnsettledOrders>.Write(new UnsettledOrders([.. ids, orderId])),
                    (false, true) => UpdateDecision<UnsettledOrders>.Write(new UnsettledOrders([.. ids.Where(id => id != orderId)])),
                    _ => UpdateDecision<UnsettledOrders>.Keep(),
                };
            },
            (shard, etag, ct) => StateOperations.TryWriteAsync(
                () => dapr.ExecuteStateTransactionAsync(Store, [StateOperations.Write(key, shard, etag)], s_partition, ct),
                async () => (await dapr.ReadStateAsync<UnsettledOrders?>(Store, key, metadata: s_partition, cancellationToken: ct)).ETag != etag),
            cancellationToken);
        result.ValueOrThrow();
    }

    private const int UnsettledShards = 16;

    private static string ShardKey(int shard) => $"unsettled:{shard:x}";

    private static string OrderKey(string orderId) => $"order:{orderId}";

    private static string CustomerKey(string customerId) => $"customer:{customerId}";
}

/// <summary>One shard of the index of orders whose processing is not over (the stuck-orders view reads it).</summary>
public sealed record UnsettledOrders(IReadOnlyList<string> OrderIds);
