namespace CloudPatterns.Testing.Fabric;

/// <summary>
/// The state API as daprd serves it over gRPC, every call under the store's outbound resiliency policy:
/// <list type="bullet">
/// <item>a single-key save that loses an ETag or first-write race fails at once (Aborted; TrySave answers false),
/// but the failure still counts in the store's breaker
/// (https://github.com/dapr/dapr/blob/v1.18.3/pkg/components/state/bulk.go#L76-L89);</item>
/// <item>a delete that loses its ETag race is retried like any failure
/// (https://github.com/dapr/dapr/blob/v1.18.3/pkg/api/grpc/grpc.go#L853-L858);</item>
/// <item>a transaction is retried whatever the error, conflicts included, and fails as Internal
/// (https://github.com/dapr/dapr/blob/v1.18.3/pkg/api/grpc/grpc.go#L1050-L1067).</item>
/// </list>
/// </summary>
public sealed partial class FabricDaprClient
{
    public override Task<TValue> GetStateAsync<TValue>(
        string storeName, string key, ConsistencyMode? consistencyMode = null, IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default) =>
        StateCall(storeName, () => Deserialize<TValue>(Read(storeName, key, consistencyMode, metadata).Value));

    public override Task<(TValue value, string etag)> GetStateAndETagAsync<TValue>(
        string storeName, string key, ConsistencyMode? consistencyMode = null, IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default) =>
        StateCall(storeName, () =>
        {
            var (value, etag) = Read(storeName, key, consistencyMode, metadata);
            return (Deserialize<TValue>(value), etag);
        });

    /// <summary>A single-key read, the store told whether it was asked to be strong (see <see cref="InMemoryStateStore.EventualReads"/>).</summary>
    private (byte[]? Value, string ETag) Read(string storeName, string key, ConsistencyMode? consistencyMode, IReadOnlyDictionary<string, string>? metadata)
    {
        var store = Store(storeName);
        var stored = Key(storeName, key, metadata);
        if (consistencyMode != ConsistencyMode.Strong)
        {
            store.ReadEventually(stored);
        }

        return store.Get(stored);
    }

    public override Task<IReadOnlyList<BulkStateItem>> GetBulkStateAsync(
        string storeName, IReadOnlyList<string> keys, int? parallelism, IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default)
    {
        RefuseNoKeys(keys);
        return StateCall<IReadOnlyList<BulkStateItem>>(storeName, () => keys.Select(key =>
        {
            var (value, etag) = Store(storeName).Get(Key(storeName, key, metadata));
            return new BulkStateItem(key, value is null ? string.Empty : Encoding.UTF8.GetString(value), etag);
        }).ToList());
    }

    public override Task<IReadOnlyList<BulkStateItem<TValue>>> GetBulkStateAsync<TValue>(
        string storeName, IReadOnlyList<string> keys, int? parallelism, IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default)
    {
        RefuseNoKeys(keys);
        return StateCall<IReadOnlyList<BulkStateItem<TValue>>>(storeName, () => keys.Select(key =>
        {
            var (value, etag) = Store(storeName).Get(Key(storeName, key, metadata));
            return new BulkStateItem<TValue>(key, Deserialize<TValue>(value), etag);
        }).ToList());
    }

    /// <summary>DaprClient refuses a bulk read of no keys before it calls the sidecar (dapr/dotnet-sdk v1.19.0-preview.2 DaprClientGrpc.cs L740).</summary>
    private static void RefuseNoKeys(IReadOnlyList<string> keys)
    {
        if (keys.Count == 0)
        {
            throw new ArgumentException("keys do not contain any elements");
        }
    }

    public override async Task SaveBulkStateAsync<TValue>(string storeName, IReadOnlyList<SaveStateItem<TValue>> items, CancellationToken cancellationToken = default)
    {
        foreach (var item in items)
        {
            await SaveAsync(storeName, Write(storeName, item.Key, Serialize(item.Value), item.ETag, item.StateOptions, item.Metadata));
        }
    }

    public override async Task DeleteBulkStateAsync(string storeName, IReadOnlyList<BulkDeleteStateItem> items, CancellationToken cancellationToken = default)
    {
        foreach (var item in items)
        {
            await SaveAsync(storeName, new StateWrite(Key(storeName, item.Key, item.Metadata), null, true, item.ETag, false));
        }
    }

    public override Task SaveStateAsync<TValue>(
        string storeName, string key, TValue value, StateOptions? stateOptions = null, IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default) =>
        SaveAsync(storeName, Write(storeName, key, Serialize(value), null, stateOptions, metadata));

    public override Task SaveByteStateAsync(
        string storeName, string key, ReadOnlyMemory<byte> binaryValue, StateOptions? stateOptions = null,
        IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default) =>
        SaveAsync(storeName, Write(storeName, key, binaryValue.ToArray(), null, stateOptions, metadata));

    public override Task<bool> TrySaveByteStateAsync(
        string storeName, string key, ReadOnlyMemory<byte> binaryValue, string etag, StateOptions? stateOptions = null,
        IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default) =>
        TrySaveAsync(storeName, Write(storeName, key, binaryValue.ToArray(), etag, stateOptions, metadata));

    public override Task<ReadOnlyMemory<byte>> GetByteStateAsync(
        string storeName, string key, ConsistencyMode? consistencyMode = null, IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default) =>
        StateCall<ReadOnlyMemory<byte>>(storeName, () => Store(storeName).Get(Key(storeName, key, metadata)).Value ?? []);

    public override Task<(ReadOnlyMemory<byte>, string etag)> GetByteStateAndETagAsync(
        string storeName, string key, ConsistencyMode? consistencyMode = null, IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default) =>
        StateCall<(ReadOnlyMemory<byte>, string)>(storeName, () =>
        {
            var (value, etag) = Store(storeName).Get(Key(storeName, key, metadata));
            return (value ?? [], etag);
        });

    public override Task<bool> TrySaveStateAsync<TValue>(
        string storeName, string key, TValue value, string etag, StateOptions? stateOptions = null,
        IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default) =>
        TrySaveAsync(storeName, Write(storeName, key, Serialize(value), etag, stateOptions, metadata));

    public override async Task ExecuteStateTransactionAsync(
        string storeName, IReadOnlyList<StateTransactionRequest> operations, IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default)
    {
        // Every operation of a transaction lands in the transaction's partition (Cosmos DB; other stores have none).
        var partition = metadata?.GetValueOrDefault("partitionKey") ?? string.Empty;
        var writes = operations.Select(op => new StateWrite(
            fabric.PartitionedKey(storeName, fabric.StateKey(AppId, storeName, op.Key), partition),
            op.Value,
            op.OperationType == StateOperationType.Delete,
            op.ETag,
            op.Options?.Concurrency == ConcurrencyMode.FirstWrite,
            op.Metadata)).ToList();
        ThrowIfTooLarge(writes.Sum(w => (long)(w.Value?.Length ?? 0) + w.Key.Length));

        // The outbox queues its message before the transaction runs, once per request, however often the
        // transaction is then retried (https://github.com/dapr/dapr/blob/v1.18.3/pkg/api/grpc/grpc.go#L1035-L1059).
        var outbox = fabric.Outbox.Queue(AppId, storeName, writes);
        try
        {
            await Policy(storeName).RunAsync(() =>
            {
                fabric.CommitTransaction(AppId, storeName, outbox.Stored);
                return Task.FromResult(true);
            });
            outbox.Committed();
        }
        catch (AnswerLostException)
        {
            outbox.Committed();
            throw;
        }
        catch (Exception ex) when (ex is StateConflictException or CircuitBreakerOpenException || IsUnavailable(ex))
        {
            outbox.Failed();
            throw new DaprException("State operation failed: the Dapr endpoint indicated a failure. See InnerException for details.",
                new RpcException(new Status(StatusCode.Internal, $"error while executing state transaction: {ex.Message}")));
        }
    }

    public override Task DeleteStateAsync(
        string storeName, string key, StateOptions? stateOptions = null, IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default) =>
        SaveAsync(storeName, new StateWrite(Key(storeName, key, metadata), null, true, null, false));

    public override async Task<bool> TryDeleteStateAsync(
        string storeName, string key, string etag, StateOptions? stateOptions = null, IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default)
    {
        try
        {
            await SaveAsync(storeName, new StateWrite(Key(storeName, key, metadata), null, true, etag, true));
            return true;
        }
        catch (DaprException ex) when (ex.InnerException is RpcException { StatusCode: StatusCode.Aborted })
        {
            return false;
        }
    }

    public override Task<StateQueryResponse<TValue>> QueryStateAsync<TValue>(
        string storeName, string jsonQuery, IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The state query API is not supported by the SQLite state store this project uses locally.");

    private InMemoryStateStore Store(string storeName) => fabric.StateStoreFor(AppId, storeName);

    /// <summary>Where a single-key call finds the key: in the partition its metadata names, or else the one named after the key itself.</summary>
    private string Key(string storeName, string key, IReadOnlyDictionary<string, string>? metadata)
    {
        var stored = fabric.StateKey(AppId, storeName, key);
        return fabric.PartitionedKey(storeName, stored, metadata?.GetValueOrDefault("partitionKey") ?? stored);
    }

    private ResiliencyPolicy Policy(string storeName) => fabric.Resiliency.ComponentOutbound(AppId, storeName);

    private StateWrite Write(string storeName, string key, byte[] value, string? etag, StateOptions? options, IReadOnlyDictionary<string, string>? metadata) =>
        new(Key(storeName, key, metadata), value, false, etag, options?.Concurrency == ConcurrencyMode.FirstWrite, metadata);

    /// <summary>A read, or anything else that fails only when the store does.</summary>
    private async Task<T> StateCall<T>(string storeName, Func<T> call)
    {
        Store(storeName);
        try
        {
            return await Policy(storeName).RunAsync(() => Task.FromResult(call()));
        }
        catch (CircuitBreakerOpenException ex)
        {
            throw BreakerOpen(ex);
        }
    }

    /// <summary>
    /// One write or delete. A save's lost race is final (but counted); a delete's is retried like any other failure.
    /// Either way it reaches the app as Aborted, which the SDK's Try… methods turn into false.
    /// </summary>
    private async Task SaveAsync(string storeName, StateWrite write)
    {
        ThrowIfTooLarge((write.Value?.Length ?? 0) + write.Key.Length);
        try
        {
            await Policy(storeName).RunAsync(
                () =>
                {
                    fabric.CommitWrite(AppId, storeName, write);
                    return Task.FromResult(true);
                },
                classify: ex => new AttemptFailure(Permanent: ex is StateConflictException && !write.IsDelete));
        }
        catch (StateConflictException ex)
        {
            throw new DaprException("State operation failed: the Dapr endpoint indicated a failure. See InnerException for details.",
                new RpcException(new Status(StatusCode.Aborted, ex.Message)));
        }
        catch (CircuitBreakerOpenException ex)
        {
            throw BreakerOpen(ex);
        }
    }

    private async Task<bool> TrySaveAsync(string storeName, StateWrite write)
    {
        try
        {
            await SaveAsync(storeName, write);
            return true;
        }
        catch (DaprException ex) when (ex.InnerException is RpcException { StatusCode: StatusCode.Aborted })
        {
            return false;
        }
    }

    private static bool IsUnavailable(Exception ex) => ex is DaprException { InnerException: RpcException { StatusCode: StatusCode.Unavailable } };

    private static DaprException BreakerOpen(CircuitBreakerOpenException ex) =>
        new("State operation failed: the Dapr endpoint indicated a failure. See InnerException for details.",
            new RpcException(new Status(StatusCode.Internal, ex.Message)));

    private byte[] Serialize<TValue>(TValue value) => JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions);

    private TValue Deserialize<TValue>(byte[]? value) => value is null ? default! : JsonSerializer.Deserialize<TValue>(value, JsonSerializerOptions)!;
}
