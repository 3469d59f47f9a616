namespace CloudPatterns.ShippingService.Shipments;

/// <summary>
/// Shipments in shipping-store, one key per order's shipment, written once: whichever of dispatch and
/// cancellation writes first wins, and the other finds the key taken. Dispatch is a state transaction, so
/// the store's outbox publishes shipments.dispatched exactly when the shipment is stored; cancellation is a
/// plain write, which the outbox does not see.
/// </summary>
public sealed class ShipmentStore(DaprClient dapr)
{
    private const string Store = DaprComponents.ShippingStore;

    public async Task<Shipment?> GetAsync(string shipmentId, CancellationToken cancellationToken) =>
        (await dapr.ReadStateAsync<Shipment?>(Store, Key(shipmentId), cancellationToken: cancellationToken)).Value;

    /// <summary>False when the order already has a shipment (dispatched or cancelled); nothing is published then.</summary>
    public async Task<bool> TryDispatchAsync(Shipment shipment, ShipmentDispatched announcement, CancellationToken cancellationToken)
    {
        var key = Key(shipment.ShipmentId);
        return await InsertAsync(shipment, () => dapr.ExecuteStateTransactionAsync(
            Store, [StateOperations.Write(key, shipment, etag: null), StateOperations.OutboxProjection(key, announcement)], cancellationToken: cancellationToken),
            cancellationToken);
    }

    /// <summary>False when the order already has a shipment.</summary>
    public Task<bool> TryRecordCancelledAsync(Shipment shipment, CancellationToken cancellationToken) =>
        InsertAsync(shipment, () => dapr.SaveStateAsync(
            Store, Key(shipment.ShipmentId), shipment, StateOperations.FirstWrite, cancellationToken: cancellationToken), cancellationToken);

    /// <summary>An insert-only write loses its race when the key is taken by the time it is read again.</summary>
    private Task<bool> InsertAsync(Shipment shipment, Func<Task> insert, CancellationToken cancellationToken) =>
        StateOperations.TryWriteAsync(insert, async () => await GetAsync(shipment.ShipmentId, cancellationToken) is not null);

    private static string Key(string shipmentId) => $"shipment:{shipmentId}";
}
