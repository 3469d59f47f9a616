namespace CloudPatterns.Testing.Fabric;

/// <summary>
/// The DaprClient an app gets in tests: its calls go to the shared fabric instead of a sidecar, with the
/// sidecar's checks (component exists and is scoped to this app) and the state API's semantics. APIs
/// the project does not use (configuration, crypto, locks, state query, gRPC invocation) throw
/// NotSupportedException rather than pretending.
/// </summary>
public sealed partial class FabricDaprClient(DaprTestFabric fabric, string appId, JsonSerializerOptions jsonSerializerOptions) : DaprClient
{
    private const string SidecarBase = "http://127.0.0.1:3500/v1.0/invoke/";

    public string AppId { get; } = appId;

    public override JsonSerializerOptions JsonSerializerOptions { get; } = jsonSerializerOptions;

    // ---- Pub/sub ----

    public override Task PublishEventAsync<TData>(string pubsubName, string topicName, TData data, CancellationToken cancellationToken = default) =>
        PublishEventAsync(pubsubName, topicName, data, new Dictionary<string, string>(), cancellationToken);

    public override Task PublishEventAsync<TData>(
        string pubsubName, string topicName, TData data, Dictionary<string, string> metadata, CancellationToken cancellationToken = default) =>
        PublishAsync(pubsubName, topicName, JsonSerializer.SerializeToNode(data, JsonSerializerOptions), "application/json", metadata);

    public override Task PublishEventAsync(string pubsubName, string topicName, CancellationToken cancellationToken = default) =>
        PublishEventAsync(pubsubName, topicName, new Dictionary<string, string>(), cancellationToken);

    public override Task PublishEventAsync(string pubsubName, string topicName, Dictionary<string, string> metadata, CancellationToken cancellationToken = default) =>
        PublishAsync(pubsubName, topicName, null, "application/json", metadata);

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
        return PublishAsync(pubsubName, topicName, node, dataContentType, metadata);
    }

    /// <summary>A publish, under the pub/sub's outbound policy (retried and counted by its breaker when the broker refuses).</summary>
    private async Task PublishAsync(string pubsubName, string topicName, JsonNode? data, string dataContentType, IReadOnlyDictionary<string, string>? metadata)
    {
        ThrowIfTooLarge(data is null ? 0 : Encoding.UTF8.GetByteCount(data.ToJsonString()));
        try
        {
            await fabric.Resiliency.ComponentOutbound(AppId, pubsubName).RunAsync(
                () => Task.FromResult(fabric.PubSub.Publish(AppId, pubsubName, topicName, data, dataContentType, metadata)));
        }
        catch (CircuitBreakerOpenException ex)
        {
            throw new DaprException($"error when publishing to topic {topicName} in pubsub {pubsubName}", new RpcException(new Status(StatusCode.Internal, ex.Message)));
        }
    }

    // ---- Secrets ----

    public override async Task<Dictionary<string, string>> GetSecretAsync(
        string storeName, string key, IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        await fabric.SecretReadsReleased(cancellationToken);
        var secrets = fabric.SecretsFor(AppId, storeName);
        return secrets.TryGetValue(key, out var value)
            ? new Dictionary<string, string> { [key] = value }
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

    /// <summary>
    /// An output binding call under the binding's outbound policy: every error is retried and counted by its breaker,
    /// a missing file included, and reaches the app as Internal
    /// (https://github.com/dapr/dapr/blob/v1.18.3/pkg/runtime/processor/binding/send.go#L196-L222). Request and answer
    /// must fit the sidecar's body limit, and the answer the SDK channel's receive limit as the app configured it.
    /// </summary>
    public override async Task<BindingResponse> InvokeBindingAsync(BindingRequest request, CancellationToken cancellationToken = default)
    {
        fabric.Components.Require(AppId, request.BindingName, "bindings.");
        ThrowIfTooLarge(request.Data.Length);
        BindingResponse response;
        try
        {
            response = await fabric.Resiliency.ComponentOutbound(AppId, request.BindingName)
                .RunAsync(() => fabric.Bindings.InvokeAsync(AppId, request, cancellationToken));
        }
        catch (CircuitBreakerOpenException ex)
        {
            throw new DaprException($"error invoking output binding {request.BindingName}", new RpcException(new Status(StatusCode.Internal, ex.Message)));
        }

        ThrowIfTooLarge(response.Data.Length, fabric.ClientReceiveLimit(AppId));
        return response;
    }

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

    /// <summary>
    /// gRPC messages between the app and its sidecar are bounded by daprd's --max-body-size (both ways), and answers
    /// also by the SDK channel's receive limit.
    /// </summary>
    private void ThrowIfTooLarge(long bytes, long? clientLimit = null)
    {
        var limit = Math.Min(fabric.Sidecars.MaxBodyBytes(AppId), clientLimit ?? long.MaxValue);
        if (bytes > limit)
        {
            throw new DaprException("The Dapr endpoint indicated a failure. See InnerException for details.",
                new RpcException(new Status(StatusCode.ResourceExhausted, $"grpc: received message larger than max ({bytes} vs. {limit})")));
        }
    }

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
