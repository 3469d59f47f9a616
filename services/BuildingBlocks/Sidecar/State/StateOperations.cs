namespace CloudPatterns.Sidecar.State;

/// <summary>
/// Building blocks for state transactions with Dapr's first-write concurrency. With an ETag, a write
/// succeeds only if the stored ETag still matches; without one, it succeeds only if the key does not
/// exist yet (insert-only). The SQLite, Cosmos DB and DynamoDB state stores all implement both.
/// A failed transaction comes back as an internal error whatever the cause, so callers that lose a
/// race find out by reading the state again, not from the error.
/// </summary>
public static class StateOperations
{
    private static readonly StateOptions s_firstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite };

    /// <summary>Write options for <see cref="DaprClient.TrySaveStateAsync{TValue}"/> and friends.</summary>
    public static StateOptions FirstWrite => s_firstWrite;

    public static StateTransactionRequest Write<T>(string key, T value, string? etag, IReadOnlyDictionary<string, string>? metadata = null) =>
        new(key, JsonSerializer.SerializeToUtf8Bytes(value, JsonDefaults.Options), StateOperationType.Upsert,
            string.IsNullOrEmpty(etag) ? null : etag, metadata, s_firstWrite);

    /// <summary>
    /// What the store's outbox publishes, instead of the state, for the upsert of the same key in one transaction.
    /// daprd 1.18 builds the message itself: id <c>outbox-{uuid}</c>, type <c>com.dapr.event.sent</c>, whatever
    /// CloudEvent overrides the projection carries; from the projection it takes only the value and its content
    /// type, without which the data would arrive as a string
    /// (https://github.com/dapr/dapr/blob/v1.18.3/pkg/runtime/pubsub/outbox.go#L170-L230). Consumers of an outbox
    /// topic therefore identify the event by the id inside it, never by the CloudEvent's.
    /// </summary>
    public static StateTransactionRequest OutboxProjection<T>(string key, T value) =>
        new(key, JsonSerializer.SerializeToUtf8Bytes(value, JsonDefaults.Options), StateOperationType.Upsert,
            metadata: new Dictionary<string, string> { ["outbox.projection"] = "true", ["contentType"] = "application/json" });

    /// <summary>
    /// Request metadata naming the partition a record lives in. Cosmos DB runs a transaction only inside one
    /// partition, taken from the transaction's metadata, while a plain get looks in the partition named after the
    /// key unless told otherwise (components-contrib v1.18.4 state/azure/cosmosdb): records written together must
    /// name one partition on every write and every read. Other stores ignore it.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Partition(string partitionKey) => new Dictionary<string, string> { ["partitionKey"] = partitionKey };

    /// <summary>
    /// Reads a record and its ETag, strongly consistent: every read here feeds a decision (a guarded write, a duplicate
    /// to skip, a lost race or a lost answer to tell from an outage). DynamoDB reads are eventually consistent unless
    /// asked, and could hand back a record from before the last write (components-contrib v1.18.4
    /// state/aws/dynamodb/dynamodb.go, Get: ConsistentRead only for a strong read); Cosmos DB serves a strong read at
    /// session level, which reads its own writes (state/azure/cosmosdb/cosmosdb.go, Get); SQLite and PostgreSQL read the
    /// latest anyway. Bulk reads (listings) have no consistency to ask for.
    /// </summary>
    public static async Task<(T Value, string ETag)> ReadStateAsync<T>(
        this DaprClient dapr, string storeName, string key, IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        var (value, etag) = await dapr.GetStateAndETagAsync<T>(storeName, key, ConsistencyMode.Strong, metadata, cancellationToken);
        return (value, etag);
    }

    public static StateTransactionRequest Delete(string key, string? etag = null) =>
        new(key, null, StateOperationType.Delete, string.IsNullOrEmpty(etag) ? null : etag, null, null);

    /// <summary>
    /// Runs a guarded write. True when it committed; false when it lost a race, which Dapr reports like any
    /// other failure, so <paramref name="lostRace"/> reads the state again to tell (another writer got there
    /// first). Any other failure is thrown. A write can also commit and still fail, when the sidecar's timeout fires
    /// after the store did the work: <paramref name="committed"/>, where given, reads the state to recognise the
    /// write's own result, which is then true rather than a race lost to itself.
    /// </summary>
    public static async Task<bool> TryWriteAsync(Func<Task> write, Func<Task<bool>> lostRace, Func<Task<bool>>? committed = null)
    {
        try
        {
            await write();
            return true;
        }
        catch (DaprException)
        {
            if (committed is not null && await committed())
            {
                return true;
            }

            if (!await lostRace())
            {
                throw;
            }

            return false;
        }
    }
}
