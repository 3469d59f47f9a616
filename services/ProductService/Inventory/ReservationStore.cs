using CloudPatterns.Sidecar.State;
using Dapr.Client;

namespace CloudPatterns.ProductService.Inventory;

/// <summary>Order reservation records in product-store, written with first-write concurrency.</summary>
public sealed class ReservationStore(DaprClient dapr)
{
    private const string Store = DaprComponents.ProductStore;

    public async Task<(OrderReservation? Reservation, string ETag)> GetAsync(string orderId, CancellationToken cancellationToken)
    {
        var (reservation, etag) = await dapr.GetStateAndETagAsync<OrderReservation?>(Store, Key(orderId), metadata: Partition(orderId), cancellationToken: cancellationToken);
        return (reservation, etag);
    }

    /// <summary>Writes <paramref name="reservation"/> if the record still has <paramref name="etag"/> (or, with no ETag, does not exist yet).</summary>
    public Task<bool> TrySaveAsync(OrderReservation reservation, string? etag, CancellationToken cancellationToken) =>
        StateOperations.TryWriteAsync(
            () => dapr.ExecuteStateTransactionAsync(Store, [StateOperations.Write(Key(reservation.OrderId), reservation, etag)], Partition(reservation.OrderId), cancellationToken),
            async () => (await GetAsync(reservation.OrderId, cancellationToken)).ETag != (etag ?? string.Empty));

    /// <summary>Reads the reservation, lets <paramref name="decide"/> say what it becomes, and writes it over the ETag (see <see cref="StateUpdate"/>).</summary>
    public Task<UpdateResult<OrderReservation>> UpdateAsync(
        string orderId, Func<OrderReservation?, Task<UpdateDecision<OrderReservation>>> decide, CancellationToken cancellationToken) =>
        StateUpdate.RunAsync(ct => GetAsync(orderId, ct), decide, (reservation, etag, ct) => TrySaveAsync(reservation, etag, ct), cancellationToken);

    private static string Key(string orderId) => $"reservation:{orderId}";

    /// <summary>Each reservation is its own partition, named on its reads and its transactions alike (see <see cref="StateOperations.Partition"/>).</summary>
    private static IReadOnlyDictionary<string, string> Partition(string orderId) => StateOperations.Partition(Key(orderId));
}
