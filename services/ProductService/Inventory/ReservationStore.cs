using CloudPatterns.ServiceDefaults.State;
using Dapr;
using Dapr.Client;

namespace CloudPatterns.ProductService.Inventory;

/// <summary>Order reservation records in product-store, written with first-write concurrency.</summary>
public sealed class ReservationStore(DaprClient dapr)
{
    private const string Store = DaprComponents.ProductStore;

    public async Task<(OrderReservation? Reservation, string ETag)> GetAsync(string orderId, CancellationToken cancellationToken)
    {
        var (reservation, etag) = await dapr.GetStateAndETagAsync<OrderReservation?>(Store, Key(orderId), cancellationToken: cancellationToken);
        return (reservation, etag);
    }

    /// <summary>Writes <paramref name="reservation"/> if the record still has <paramref name="etag"/> (or, with no ETag, does not exist yet).</summary>
    public async Task<bool> TrySaveAsync(OrderReservation reservation, string? etag, CancellationToken cancellationToken)
    {
        try
        {
            await dapr.ExecuteStateTransactionAsync(Store, [StateOperations.Write(Key(reservation.OrderId), reservation, etag)],
                cancellationToken: cancellationToken);
            return true;
        }
        catch (DaprException)
        {
            // Lost the race when someone else wrote the record since it was read; otherwise the store failed.
            var (_, currentETag) = await GetAsync(reservation.OrderId, cancellationToken);
            if (currentETag == (etag ?? string.Empty))
            {
                throw;
            }

            return false;
        }
    }

    private static string Key(string orderId) => $"reservation:{orderId}";
}
