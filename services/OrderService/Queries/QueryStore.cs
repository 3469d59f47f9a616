using CloudPatterns.ServiceDefaults.State;
using Dapr.Client;

namespace CloudPatterns.OrderService.Queries;

/// <summary>
/// The read model in order-query-store: a summary per order and a list per customer, written together
/// in one transaction guarded by both ETags.
/// </summary>
public sealed class QueryStore(DaprClient dapr)
{
    private const string Store = DaprComponents.OrderQueryStore;

    public async Task<(OrderSummary? Summary, string ETag)> GetOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        var (summary, etag) = await dapr.GetStateAndETagAsync<OrderSummary?>(Store, OrderKey(orderId), cancellationToken: cancellationToken);
        return (summary, etag);
    }

    public async Task<(CustomerOrderList List, string ETag)> GetCustomerAsync(string customerId, CancellationToken cancellationToken)
    {
        var (list, etag) = await dapr.GetStateAndETagAsync<CustomerOrderList?>(Store, CustomerKey(customerId), cancellationToken: cancellationToken);
        return (list ?? CustomerOrderList.Empty, etag);
    }

    /// <summary>False when another writer changed either document since it was read.</summary>
    public async Task<bool> TrySaveAsync(
        OrderSummary summary, string summaryETag, CustomerOrderList? list, string? listETag, CancellationToken cancellationToken)
    {
        var writes = new List<Dapr.Client.StateTransactionRequest> { StateOperations.Write(OrderKey(summary.OrderId), summary, summaryETag) };
        if (list is not null)
        {
            writes.Add(StateOperations.Write(CustomerKey(summary.CustomerId!), list, listETag));
        }

        return await StateOperations.TryWriteAsync(
            () => dapr.ExecuteStateTransactionAsync(Store, writes, cancellationToken: cancellationToken),
            async () => (await GetOrderAsync(summary.OrderId, cancellationToken)).ETag != summaryETag
                || (list is not null && (await GetCustomerAsync(summary.CustomerId!, cancellationToken)).ETag != listETag));
    }

    private static string OrderKey(string orderId) => $"order:{orderId}";

    private static string CustomerKey(string customerId) => $"customer:{customerId}";
}
