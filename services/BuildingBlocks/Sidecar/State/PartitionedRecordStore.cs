namespace CloudPatterns.Sidecar.State;

/// <summary>
/// Records of one kind in one state store, each under <c>{keyPrefix}:{id}</c> and in a partition of its own (named on
/// its reads and its transactions alike, see <see cref="StateOperations.Partition"/>), written with first-write
/// concurrency: an insert succeeds once; a change only over the ETag it read. A store of records that change alone
/// derives from it and names its store and prefix; records written together with others (an index) need their own.
/// </summary>
public abstract class PartitionedRecordStore<T>(DaprClient dapr, string store, string keyPrefix) where T : class
{
    public async Task<(T? Record, string ETag)> GetAsync(string id, CancellationToken cancellationToken)
    {
        var (record, etag) = await dapr.ReadStateAsync<T?>(store, Key(id), metadata: Partition(id), cancellationToken: cancellationToken);
        return (record, etag);
    }

    /// <summary>Writes <paramref name="record"/> if it still has <paramref name="etag"/> (or, with no ETag, does not exist yet); false when another writer got there first.</summary>
    public Task<bool> TrySaveAsync(string id, T record, string? etag, CancellationToken cancellationToken) =>
        StateOperations.TryWriteAsync(
            () => dapr.ExecuteStateTransactionAsync(store, [StateOperations.Write(Key(id), record, etag)], Partition(id), cancellationToken),
            async () => (await GetAsync(id, cancellationToken)).ETag != (etag ?? string.Empty));

    /// <summary>Reads the record, lets <paramref name="decide"/> say what it becomes, and writes it over the ETag (see <see cref="StateUpdate"/>).</summary>
    public Task<UpdateResult<T>> UpdateAsync(string id, Func<T?, UpdateDecision<T>> decide, CancellationToken cancellationToken) =>
        StateUpdate.RunAsync(ct => GetAsync(id, ct), decide, (record, etag, ct) => TrySaveAsync(id, record, etag, ct), cancellationToken);

    /// <summary>As above, for a decision that has to ask something first (an actor, another record).</summary>
    public Task<UpdateResult<T>> UpdateAsync(string id, Func<T?, Task<UpdateDecision<T>>> decide, CancellationToken cancellationToken) =>
        StateUpdate.RunAsync(ct => GetAsync(id, ct), decide, (record, etag, ct) => TrySaveAsync(id, record, etag, ct), cancellationToken);

    private string Key(string id) => $"{keyPrefix}:{id}";

    private IReadOnlyDictionary<string, string> Partition(string id) => StateOperations.Partition(Key(id));
}
