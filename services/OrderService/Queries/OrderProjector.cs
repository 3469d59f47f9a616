using CloudPatterns.Contracts.Events;
using CloudPatterns.ServiceDefaults.State;

namespace CloudPatterns.OrderService.Queries;

/// <summary>
/// Keeps the read model up to date from events: idempotent per event id, tolerant of any delivery order,
/// and retried on write races.
/// </summary>
public sealed class OrderProjector(QueryStore store)
{
    private const int MaxAttempts = 8;

    public async Task ProjectAsync(IIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var orderId = OrderProjection.OrderIdOf(integrationEvent);
        for (var attempt = 1; ; attempt++)
        {
            var (summary, summaryETag) = await store.GetOrderAsync(orderId, cancellationToken);
            if (summary?.AppliedEvents.Contains(integrationEvent.EventId) == true)
            {
                // Seen before; the index may not have followed if the last delivery stopped half-way.
                await store.TrackUnsettledAsync(summary, cancellationToken);
                return;
            }

            var updated = OrderProjection.Apply(summary ?? OrderSummary.Empty(orderId, integrationEvent.OccurredAt), integrationEvent);
            CustomerOrderList? list = null;
            string? listETag = null;
            if (updated.CustomerId is { } customerId)
            {
                var (current, etag) = await store.GetCustomerAsync(customerId, cancellationToken);
                list = current.With(new CustomerOrder(orderId, updated.Status, updated.Total, updated.SubmittedAt ?? integrationEvent.OccurredAt, updated.UpdatedAt));
                listETag = etag;
            }

            if (await store.TrySaveAsync(updated, summaryETag, list, listETag, cancellationToken))
            {
                await store.TrackUnsettledAsync(updated, cancellationToken);
                return;
            }

            if (attempt == MaxAttempts)
            {
                throw new StateContentionException($"the read model of order {orderId} kept changing while projecting {integrationEvent.GetType().Name}");
            }
        }
    }
}
