using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudPatterns.Testing.State;
using Dapr;
using Dapr.Client;
using Grpc.Core;

namespace CloudPatterns.Testing.Fabric;

/// <summary>
/// The DaprClient an app gets in tests: its calls go to the shared fabric instead of a sidecar, with the
/// sidecar's checks (component exists and is scoped to this app) and the state API's semantics. APIs
/// the project does not use (configuration, crypto, locks, state query, gRPC invocation) throw
/// NotSupportedException rather than pretending.
/// </summary>
public sealed class FabricDaprClient(DaprTestFabric fabric, string appId, JsonSerializerOptions jsonSerializerOptions) : DaprClient
{
    private const string SidecarBase = "http://127.0.0.1:3500/v1.0/invoke/";

    public string AppId { get; } = appId;

    public override JsonSerializerOptions JsonSerializerOptions { get; } = jsonSerializerOptions;

    // ---- Pub/sub ----

    public override Task PublishEventAsync<TData>(string pubsubName, string topicName, TData data, CancellationToken cancellationToken = default) =>
        PublishEventAsync(pubsubName, topicName, data, new Dictionary<string, string>(), cancellationToken);

    public override Task PublishEventAsync<TData>(
        string pubsubName, string topicName, TData data, Dictionary<string, string> metadata, CancellationToken cancellationToken = default)
    {
        fabric.PubSub.Publish(AppId, pubsubName, topicName, JsonSerializer.SerializeToNode(data, JsonSerializerOptions), "application/json", metadata);
        return Task.CompletedTask;
    }

    public override Task PublishEventAsync(string pubsubName, string topicName, CancellationToken cancellationToken = default) =>
        PublishEventAsync(pubsubName, topicName, new Dictionary<string, string>(), cancellationToken);

    public override Task PublishEventAsync(string pubsubName, string topicName, Dictionary<string, string> metadata, CancellationToken cancellationToken = default)
    {
        fabric.PubSub.Publish(AppId, pubsubName, topicName, null, "application/json", metadata);
        return Task.CompletedTask;
    }

    public override async Task<BulkPublishResponse<TValue>> BulkPublishEventAsync<TValue>(
        string pubsubName, string topicName, IReadOnlyList<TValue> events, Dictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        foreach (var item in events)
        {
            await PublishEventAsync(pubsubName, topicName, item, metadata ?? [], cancellationToken);
        }

        return new BulkPublishResponse<TValue>([]);
    }

    public override Task PublishByteEventAsync(
        string pubsubName, string topicName, ReadOnlyMemory<byte> data, string dataContentType = "application/json",
        Dictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        JsonNode? node = dataContentType.Contains("json", StringComparison.OrdinalIgnoreCase)
            ? JsonNode.Parse(data.Span)
            : JsonValue.Create(Encoding.UTF8.GetString(data.Span));
        fabric.PubSub.Publish(AppId, pubsubName, topicName, node, dataContentType, metadata);
        return Task.CompletedTask;
    }

    // ---- State ----

    public override Task<TValue> GetStateAsync<TValue>(
        string storeName, string key, ConsistencyMode? consistencyMode = null, IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default) =>
        Task.FromResult(Deserialize<TValue>(Store(storeName).Get(Key(storeName, key)).Value));

    public override Task<(TValue value, string etag)> GetStateAndETagAsync<TValue>(
        string storeName, string key, ConsistencyMode? consistencyMode = null, IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default)
    {
        var (value, etag) = Store(storeName).Get(Key(storeName, key));
        return Task.FromResult((Deserialize<TValue>(value), etag));
    }

    public override Task<IReadOnlyList<BulkStateItem>> GetBulkStateAsync(
        string storeName, IReadOnlyList<string> keys, int? parallelism, IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default)
    {
        var store = Store(storeName);
        IReadOnlyList<BulkStateItem> items = keys.Select(key =>
        {
            var (value, etag) = store.Get(Key(storeName, key));
            return new BulkStateItem(key, value is null ? string.Empty : Encoding.UTF8.GetString(value), etag);
        }).ToList();
        return Task.FromResult(items);
    }

    public override Task<IReadOnlyList<BulkStateItem<TValue>>> GetBulkStateAsync<TValue>(
        string storeName, IReadOnlyList<string> keys, int? parallelism, IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default)
    {
        var store = Store(storeName);
        IReadOnlyList<BulkStateItem<TValue>> items = keys.Select(key =>
        {
            var (value, etag) = store.Get(Key(storeName, key));
            return new BulkStateItem<TValue>(key, Deserialize<TValue>(value), etag);
        }).ToList();
        return Task.FromResult(items);
    }

    public override Task SaveBulkStateAsync<TValue>(string storeName, IReadOnlyList<SaveStateItem<TValue>> items, CancellationToken cancellationToken = default)
    {
        foreach (var item in items)
        {
            Apply(storeName, [Write(storeName, item.Key, Serialize(item.Value), item.ETag, item.StateOptions)], item.Metadata);
        }

        return Task.CompletedTask;
    }

    public override Task DeleteBulkStateAsync(string storeName, IReadOnlyList<BulkDeleteStateItem> items, CancellationToken cancellationToken = default)
    {
        foreach (var item in items)
        {
            Apply(storeName, [new StateWrite(Key(storeName, item.Key), null, true, item.ETag, false)], item.Metadata);
        }

        return Task.CompletedTask;
    }

    public override Task SaveStateAsync<TValue>(
        string storeName, string key, TValue value, StateOptions? stateOptions = null, IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default)
    {
        Apply(storeName, [Write(storeName, key, Serialize(value), null, stateOptions)], metadata);
        return Task.CompletedTask;
    }

    public override Task SaveByteStateAsync(
        string storeName, string key, ReadOnlyMemory<byte> binaryValue, StateOptions? stateOptions = null,
        IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        Apply(storeName, [Write(storeName, key, binaryValue.ToArray(), null, stateOptions)], metadata);
        return Task.CompletedTask;
    }

    public override Task<bool> TrySaveByteStateAsync(
        string storeName, string key, ReadOnlyMemory<byte> binaryValue, string etag, StateOptions? stateOptions = null,
        IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(TryApply(storeName, Write(storeName, key, binaryValue.ToArray(), etag, stateOptions), metadata));

    public override Task<ReadOnlyMemory<byte>> GetByteStateAsync(
        string storeName, string key, ConsistencyMode? consistencyMode = null, IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default) =>
        Task.FromResult<ReadOnlyMemory<byte>>(Store(storeName).Get(Key(storeName, key)).Value ?? []);

    public override Task<(ReadOnlyMemory<byte>, string etag)> GetByteStateAndETagAsync(
        string storeName, string key, ConsistencyMode? consistencyMode = null, IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default)
    {
        var (value, etag) = Store(storeName).Get(Key(storeName, key));
        return Task.FromResult<(ReadOnlyMemory<byte>, string)>((value ?? [], etag));
    }

    public override Task<bool> TrySaveStateAsync<TValue>(
        string storeName, string key, TValue value, string etag, StateOptions? stateOptions = null,
        IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(TryApply(storeName, Write(storeName, key, Serialize(value), etag, stateOptions), metadata));

    public override Task ExecuteStateTransactionAsync(
        string storeName, IReadOnlyList<StateTransactionRequest> operations, IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default)
    {
        var writes = operations.Select(op => new StateWrite(
            Key(storeName, op.Key),
            op.Value,
            op.OperationType == StateOperationType.Delete,
            op.ETag,
            op.Options?.Concurrency == ConcurrencyMode.FirstWrite,
            op.Metadata)).ToList();
        try
        {
            fabric.CommitTransaction(AppId, storeName, writes);
        }
        catch (StateConflictException ex)
        {
            // What the SDK surfaces for a failed transaction: the sidecar answers Internal whatever the cause.
            throw new DaprException("State operation failed: the Dapr endpoint indicated a failure. See InnerException for details.",
                new RpcException(new Status(StatusCode.Internal, $"error while executing state transaction: {ex.Message}")));
        }

        return Task.CompletedTask;
    }

    public override Task DeleteStateAsync(
        string storeName, string key, StateOptions? stateOptions = null, IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default)
    {
        Apply(storeName, [new StateWrite(Key(storeName, key), null, true, null, false)], metadata);
        return Task.CompletedTask;
    }

    public override Task<bool> TryDeleteStateAsync(
        string storeName, string key, string etag, StateOptions? stateOptions = null, IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default) =>
        Task.FromResult(TryApply(storeName, new StateWrite(Key(storeName, key), null, true, etag, true), metadata));

    public override Task<StateQueryResponse<TValue>> QueryStateAsync<TValue>(
        string storeName, string jsonQuery, IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The state query API is not supported by the SQLite state store this project uses locally.");

    // ---- Secrets ----

    public override Task<Dictionary<string, string>> GetSecretAsync(
        string storeName, string key, IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        var secrets = fabric.SecretsFor(AppId, storeName);
        return secrets.TryGetValue(key, out var value)
            ? Task.FromResult(new Dictionary<string, string> { [key] = value })
            : throw new DaprException($"failed getting secret with key {key} from secret store {storeName}: secret {key} not found",
                new RpcException(new Status(StatusCode.Internal, "secret not found")));
    }

    public override Task<Dictionary<string, Dictionary<string, string>>> GetBulkSecretAsync(
        string storeName, IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(fabric.SecretsFor(AppId, storeName).ToDictionary(s => s.Key, s => new Dictionary<string, string> { [s.Key] = s.Value }));

    // ---- Bindings ----

    public override async Task InvokeBindingAsync<TRequest>(
        string bindingName, string operation, TRequest data, IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default) =>
        await InvokeBindingAsync(BindingRequestFor(bindingName, operation, data, metadata), cancellationToken);

    public override async Task<TResponse> InvokeBindingAsync<TRequest, TResponse>(
        string bindingName, string operation, TRequest data, IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default)
    {
        var response = await InvokeBindingAsync(BindingRequestFor(bindingName, operation, data, metadata), cancellationToken);
        return JsonSerializer.Deserialize<TResponse>(response.Data.Span, JsonSerializerOptions)!;
    }

    public override Task<BindingResponse> InvokeBindingAsync(BindingRequest request, CancellationToken cancellationToken = default) =>
        fabric.Bindings.InvokeAsync(AppId, request, cancellationToken);

    // ---- Service invocation ----

    public override HttpRequestMessage CreateInvokeMethodRequest(HttpMethod httpMethod, string appId, string methodName) =>
        CreateInvokeMethodRequest(httpMethod, appId, methodName, []);

    public override HttpRequestMessage CreateInvokeMethodRequest(
        HttpMethod httpMethod, string appId, string methodName, IReadOnlyCollection<KeyValuePair<string, string>> queryStringParameters)
    {
        var query = queryStringParameters.Count == 0
            ? string.Empty
            : "?" + string.Join("&", queryStringParameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        return new HttpRequestMessage(httpMethod, $"{SidecarBase}{appId}/method/{methodName.TrimStart('/')}{query}");
    }

    public override HttpRequestMessage CreateInvokeMethodRequest<TRequest>(
        HttpMethod httpMethod, string appId, string methodName, IReadOnlyCollection<KeyValuePair<string, string>> queryStringParameters, TRequest data)
    {
        var request = CreateInvokeMethodRequest(httpMethod, appId, methodName, queryStringParameters);
        request.Content = JsonContent.Create(data, options: JsonSerializerOptions);
        return request;
    }

    [Obsolete("Dapr recommends a plain HttpClient for service invocation; kept working because the base class still offers it.")]
    public override Task<HttpResponseMessage> InvokeMethodWithResponseAsync(HttpRequestMessage request, CancellationToken cancellationToken = default) =>
        fabric.InvokeAsync(AppId, request, cancellationToken);

    [Obsolete("Dapr recommends a plain HttpClient for service invocation; kept working because the base class still offers it.")]
    public override async Task InvokeMethodAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        var response = await InvokeMethodWithResponseAsync(request, cancellationToken);
        ThrowIfFailed(request, response);
    }

    [Obsolete("Dapr recommends a plain HttpClient for service invocation; kept working because the base class still offers it.")]
    public override async Task<TResponse> InvokeMethodAsync<TResponse>(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        var response = await InvokeMethodWithResponseAsync(request, cancellationToken);
        ThrowIfFailed(request, response);
        return (await response.Content.ReadFromJsonAsync<TResponse>(JsonSerializerOptions, cancellationToken))!;
    }

    public override HttpClient CreateInvokableHttpClient(string? appId = null) =>
        new(new FabricInvocationHandler(fabric, AppId, appId))
        {
            BaseAddress = appId is null ? null : new Uri($"http://{appId}"),
        };

    [Obsolete("Dapr recommends a plain HttpClient for service invocation; kept working because the base class still offers it.")]
    public override Task InvokeMethodGrpcAsync(string appId, string methodName, CancellationToken cancellationToken = default) => NoGrpc();

    [Obsolete("Dapr recommends a plain HttpClient for service invocation; kept working because the base class still offers it.")]
    public override Task InvokeMethodGrpcAsync<TRequest>(string appId, string methodName, TRequest data, CancellationToken cancellationToken = default) => NoGrpc();

    [Obsolete("Dapr recommends a plain HttpClient for service invocation; kept working because the base class still offers it.")]
    public override Task<TResponse> InvokeMethodGrpcAsync<TResponse>(string appId, string methodName, CancellationToken cancellationToken = default) =>
        NoGrpc<TResponse>();

    [Obsolete("Dapr recommends a plain HttpClient for service invocation; kept working because the base class still offers it.")]
    public override Task<TResponse> InvokeMethodGrpcAsync<TRequest, TResponse>(string appId, string methodName, TRequest data, CancellationToken cancellationToken = default) =>
        NoGrpc<TResponse>();

    // ---- Sidecar ----

    public override Task<bool> CheckHealthAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);

    public override Task<bool> CheckOutboundHealthAsync(CancellationToken cancellationToken = default) => Task.FromResult(fabric.SidecarHealthy);

    public override Task WaitForSidecarAsync(CancellationToken cancellationToken = default) => fabric.WhenJoined(AppId).WaitAsync(cancellationToken);

    public override Task ShutdownSidecarAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public override Task<DaprMetadata> GetMetadataAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The metadata API is not reproduced by the fabric.");

    public override Task SetMetadataAsync(string attributeName, string attributeValue, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The metadata API is not reproduced by the fabric.");

    // ---- Not used by this project ----

    public override Task<GetConfigurationResponse> GetConfiguration(
        string storeName, IReadOnlyList<string> keys, IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default) =>
        throw Unsupported("configuration");

    public override Task<SubscribeConfigurationResponse> SubscribeConfiguration(
        string storeName, IReadOnlyList<string> keys, IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default) =>
        throw Unsupported("configuration");

    public override Task<UnsubscribeConfigurationResponse> UnsubscribeConfiguration(string storeName, string id, CancellationToken cancellationToken = default) =>
        throw Unsupported("configuration");

    public override Task<ReadOnlyMemory<byte>> EncryptAsync(
        string vaultResourceName, ReadOnlyMemory<byte> plaintextBytes, string keyName, EncryptionOptions encryptionOptions,
        CancellationToken cancellationToken = default) => throw Unsupported("cryptography");

    public override IAsyncEnumerable<ReadOnlyMemory<byte>> EncryptAsync(
        string vaultResourceName, Stream plaintextStream, string keyName, EncryptionOptions encryptionOptions,
        CancellationToken cancellationToken = default) => throw Unsupported("cryptography");

    public override Task<ReadOnlyMemory<byte>> DecryptAsync(
        string vaultResourceName, ReadOnlyMemory<byte> ciphertextBytes, string keyName, DecryptionOptions options,
        CancellationToken cancellationToken = default) => throw Unsupported("cryptography");

    public override Task<ReadOnlyMemory<byte>> DecryptAsync(
        string vaultResourceName, ReadOnlyMemory<byte> ciphertextBytes, string keyName, CancellationToken cancellationToken = default) =>
        throw Unsupported("cryptography");

    public override IAsyncEnumerable<ReadOnlyMemory<byte>> DecryptAsync(
        string vaultResourceName, Stream ciphertextStream, string keyName, DecryptionOptions options, CancellationToken cancellationToken = default) =>
        throw Unsupported("cryptography");

    public override IAsyncEnumerable<ReadOnlyMemory<byte>> DecryptAsync(
        string vaultResourceName, Stream ciphertextStream, string keyName, CancellationToken cancellationToken = default) =>
        throw Unsupported("cryptography");

#pragma warning disable DAPR_DISTRIBUTEDLOCK // overriding the experimental API only to refuse it
    public override Task<TryLockResponse> Lock(string storeName, string resourceId, string lockOwner, int expiryInSeconds, CancellationToken cancellationToken = default) =>
        throw Unsupported("distributed lock");

    public override Task<UnlockResponse> Unlock(string storeName, string resourceId, string lockOwner, CancellationToken cancellationToken = default) =>
        throw Unsupported("distributed lock");
#pragma warning restore DAPR_DISTRIBUTEDLOCK

    // ---- Helpers ----

    private InMemoryStateStore Store(string storeName) => fabric.StateStoreFor(AppId, storeName);

    private string Key(string storeName, string key) => fabric.StateKey(AppId, storeName, key);

    private StateWrite Write(string storeName, string key, byte[] value, string? etag, StateOptions? options) =>
        new(Key(storeName, key), value, false, etag, options?.Concurrency == ConcurrencyMode.FirstWrite);

    private void Apply(string storeName, IReadOnlyList<StateWrite> writes, IReadOnlyDictionary<string, string>? metadata)
    {
        try
        {
            foreach (var write in writes)
            {
                fabric.CommitWrite(AppId, storeName, write);
            }
        }
        catch (StateConflictException ex)
        {
            throw new DaprException("State operation failed: the Dapr endpoint indicated a failure. See InnerException for details.",
                new RpcException(new Status(StatusCode.Aborted, ex.Message)));
        }
    }

    private bool TryApply(string storeName, StateWrite write, IReadOnlyDictionary<string, string>? metadata)
    {
        try
        {
            fabric.CommitWrite(AppId, storeName, write);
            return true;
        }
        catch (StateConflictException)
        {
            return false;
        }
    }

    private byte[] Serialize<TValue>(TValue value) => JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions);

    private TValue Deserialize<TValue>(byte[]? value) => value is null ? default! : JsonSerializer.Deserialize<TValue>(value, JsonSerializerOptions)!;

    private BindingRequest BindingRequestFor<TRequest>(string bindingName, string operation, TRequest data, IReadOnlyDictionary<string, string>? metadata)
    {
        var request = new BindingRequest(bindingName, operation)
        {
            Data = data is byte[] bytes ? bytes : JsonSerializer.SerializeToUtf8Bytes(data, JsonSerializerOptions),
        };
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            request.Metadata[key] = value;
        }

        return request;
    }

    private static void ThrowIfFailed(HttpRequestMessage request, HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var (targetAppId, method) = FabricInvocationHandler.Target(request.RequestUri!);
        throw new InvocationException(targetAppId, method,
            new HttpRequestException($"Response status code does not indicate success: {(int)response.StatusCode}", null, response.StatusCode),
            response);
    }

    private static Task NoGrpc() => throw Unsupported("gRPC service invocation");

    private static Task<T> NoGrpc<T>() => throw Unsupported("gRPC service invocation");

    private static NotSupportedException Unsupported(string api) =>
        new($"The {api} API is not used by this project and is not reproduced by the test fabric.");
}
