namespace CloudPatterns.Testing.Fabric;

/// <summary>
/// Stands in for every Dapr sidecar of a test: apps join it (usually through <see cref="Hosting.DaprAppFactory{TEntryPoint}"/>)
/// and reach one another and their components through it, with Dapr's documented semantics:
/// component scopes, state ETags and transactions, the outbox, pub/sub delivery rules, service invocation
/// by app id, turn-based actors, and reminders on a fake clock. See tests/CloudPatterns.Testing/README.md.
/// </summary>
public sealed class DaprTestFabric
{
    private FabricTokens? _tokens;
    private readonly ConcurrentDictionary<string, InMemoryStateStore> _stores = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, string>> _secrets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FabricApp> _apps = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FabricDaprClient> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _joined = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, WorkflowRunner> _workflows = new(StringComparer.Ordinal);
    private volatile Func<CancellationToken, Task>? _secretReadWait;

    /// <summary>
    /// Apps under test never reload appsettings.json: each reload-on-change watcher is an inotify instance, and a system
    /// test starts a dozen apps while others run in parallel, past Linux's default limit of 128 per user.
    /// </summary>
    static DaprTestFabric() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");

    public DaprTestFabric(ComponentRegistry? components = null)
    {
        Components = components ?? ComponentRegistry.FromRepository();
        Resiliency = new ResiliencyPolicies(Components.ResiliencyResources, Time);
        Outbox = new TransactionalOutbox(this);
        PubSub = new PubSubBroker(this);
        Actors = new ActorRuntime(this);
        Bindings = new BindingRegistry(this);
    }

    /// <summary>The clock every app and actor in the fabric reads. Starts at a fixed instant.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero));

    public ComponentRegistry Components { get; }

    /// <summary>The Resiliency resources as each sidecar applies them, with their circuit breakers.</summary>
    public ResiliencyPolicies Resiliency { get; }

    /// <summary>Each sidecar's settings from the run file (body size limit, app concurrency).</summary>
    public SidecarSettings Sidecars { get; } = SidecarSettings.FromRunFile();

    public TransactionalOutbox Outbox { get; }

    public PubSubBroker PubSub { get; }

    public ActorRuntime Actors { get; }

    public BindingRegistry Bindings { get; }

    public ActivityTracker Activity { get; } = new();

    /// <summary>Bearer tokens the apps accept (local mode, the development key).</summary>
    public FabricTokens Tokens => _tokens ??= new FabricTokens(this);

    /// <summary>When set, every app requires it as its APP_API_TOKEN and every sidecar call carries it.</summary>
    public string? AppToken { get; set; }

    /// <summary>What the sidecars' outbound health endpoint reports.</summary>
    public bool SidecarHealthy { get; set; } = true;

    public IReadOnlyCollection<string> AppIds => _apps.Keys.ToList();

    /// <summary>The DaprClient an app uses to reach its sidecar.</summary>
    public DaprClient ClientFor(string appId) => _clients.GetOrAdd(appId, id => new FabricDaprClient(this, id, JsonDefaults.Options));

    /// <summary>The workflow engine of an app that hosts workflows (it called AddDaprWorkflow).</summary>
    public WorkflowRunner Workflows(string appId) =>
        _workflows.TryGetValue(appId, out var runner) ? runner : throw new InvalidOperationException($"{appId} hosts no workflows in the fabric.");

    public FabricApp App(string appId) =>
        _apps.TryGetValue(appId, out var app) ? app : throw new InvalidOperationException($"No app with id {appId} has joined the fabric.");

    /// <summary>Every state store an app has used so far.</summary>
    public IReadOnlyCollection<InMemoryStateStore> StateStores => _stores.Values.ToList();

    /// <summary>The store behind a state component, whatever app it is scoped to (for assertions).</summary>
    public InMemoryStateStore StateStore(string componentName) => _stores.GetOrAdd(componentName, name => new InMemoryStateStore(name, Time));

    /// <summary>A secret store's contents, as a test wants them to be.</summary>
    public IDictionary<string, string> Secrets(string storeName) => _secrets.GetOrAdd(storeName, LoadSecrets);

    /// <summary>Every secret read waits until the result is disposed, as against a slow Key Vault.</summary>
    public SecretReadHold HoldSecretReads()
    {
        var hold = new SecretReadHold(() => _secretReadWait = null);
        _secretReadWait = hold.WaitAsync;
        return hold;
    }

    /// <summary>Completes when secret reads may go on.</summary>
    internal Task SecretReadsReleased(CancellationToken cancellationToken) =>
        _secretReadWait?.Invoke(cancellationToken) ?? Task.CompletedTask;

    /// <summary>An app's state value as it would read it, for assertions.</summary>
    public T? ReadState<T>(string appId, string storeName, string key)
    {
        var (value, _) = StateStoreFor(appId, storeName).Get(StateKey(appId, storeName, key));
        return value is null ? default : JsonSerializer.Deserialize<T>(value, JsonDefaults.Options);
    }

    /// <summary>
    /// Joins an app to the fabric, as its sidecar would on start-up: register its actor types and read its
    /// subscriptions (GET /dapr/subscribe, plus declarative Subscription resources scoped to it).
    /// </summary>
    public async Task JoinAsync(string appId, HttpMessageHandler handler, IServiceProvider services)
    {
        var app = new FabricApp(appId, handler, services, () => AppToken);
        if (!_apps.TryAdd(appId, app))
        {
            throw new InvalidOperationException($"An app with id {appId} has already joined the fabric.");
        }

        Actors.RegisterHost(app);
        if (WorkflowRegistrations.From(services) is { } registrations)
        {
            RequireActorStateStore(appId, "hosts workflows");
            _workflows[appId] = new WorkflowRunner(this, app, registrations);
        }

        using var client = app.CreateSidecarClient();
        using var response = await client.GetAsync("dapr/subscribe");
        var subscriptions = new List<SubscriptionDefinition>();
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            response.EnsureSuccessStatusCode();
            // Dapr reads the answer case-insensitively (the .NET SDK writes "pubsubName", the docs say "pubsubname").
            var entries = JsonNode.Parse(await response.Content.ReadAsStringAsync(), new JsonNodeOptions { PropertyNameCaseInsensitive = true })?.AsArray() ?? [];
            subscriptions.AddRange(entries.Select(entry => SubscriptionDefinition.FromProgrammatic(appId, entry!)));
        }

        subscriptions.AddRange(Components.DeclarativeSubscriptions
            .SelectMany(s => SubscriptionDefinition.FromResource(s.Resource, [appId], s.File))
            .Where(s => s.AppId == appId));
        PubSub.AddSubscriptions(subscriptions);
        Joined(appId).TrySetResult();
    }

    /// <summary>
    /// Completes once the app has joined: its "sidecar" is then up, has its actor types placed and its
    /// subscriptions read. DaprClient.WaitForSidecarAsync waits for this, as it waits for a real sidecar.
    /// </summary>
    internal Task WhenJoined(string appId) => Joined(appId).Task;

    private TaskCompletionSource Joined(string appId) =>
        _joined.GetOrAdd(appId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Waits until no delivery or workflow step is in flight. Wall-clock timeout only as a safety net.</summary>
    public Task WaitForQuietAsync(TimeSpan? timeout = null) => Activity.WaitForQuietAsync(timeout ?? TimeSpan.FromSeconds(30));

    /// <summary>
    /// Moves the fake clock forward, stopping at each reminder or timer on the way so it fires at its due
    /// time, and lets the fabric go quiet after each.
    /// </summary>
    public async Task AdvanceTimeAsync(TimeSpan by)
    {
        var target = Time.GetUtcNow() + by;
        await WaitForQuietAsync();
        while (NextDueAt() is { } due && due <= target)
        {
            if (due > Time.GetUtcNow())
            {
                Time.SetUtcNow(due);
            }

            await Actors.FireDueAsync(Time.GetUtcNow());
            foreach (var runner in _workflows.Values)
            {
                await runner.FireDueAsync(Time.GetUtcNow());
            }

            await WaitForQuietAsync();
        }

        if (target > Time.GetUtcNow())
        {
            Time.SetUtcNow(target);
        }

        await WaitForQuietAsync();
    }

    /// <summary>Dapr actors and workflows need exactly one state store with actorStateStore: "true" scoped to the app.</summary>
    internal string RequireActorStateStore(string appId, string why)
    {
        var stores = Components.ScopedTo(appId).Where(c => c.Type.StartsWith("state.", StringComparison.Ordinal) && c.IsActorStateStore).ToList();
        return stores.Count == 1
            ? stores[0].Name
            : throw new InvalidOperationException(
                $"{appId} {why}, so exactly one state store scoped to it must set actorStateStore: \"true\"; found {stores.Count}.");
    }

    private DateTimeOffset? NextDueAt() =>
        _workflows.Values.Select(w => w.NextDueAt).Append(Actors.NextDueAt).Where(d => d is not null).Min();

    internal InMemoryStateStore StateStoreFor(string appId, string storeName)
    {
        Components.Require(appId, storeName, "state.");
        return StateStore(storeName);
    }

    /// <summary>The key Dapr stores for an app's key, following the component's keyPrefix (appid by default).</summary>
    internal string StateKey(string appId, string storeName, string key)
    {
        var prefix = Components.TryGet(storeName, out var component) ? component.MetadataValue("keyPrefix") : null;
        return prefix switch
        {
            "none" => key,
            "name" => $"{storeName}||{key}",
            null or "" or "appid" => $"{appId}||{key}",
            var custom => $"{custom}||{key}",
        };
    }

    /// <summary>
    /// The key as the store keeps it within a partition. Only state.azure.cosmosdb has partitions: a transaction
    /// writes into the partition its metadata names (none: the empty one), a single-key call reads and writes the
    /// one its metadata names, else the one named after the key, so records written together must name their
    /// partition on every call (components-contrib v1.18.4 state/azure/cosmosdb/cosmosdb.go).
    /// </summary>
    internal string PartitionedKey(string storeName, string storedKey, string partition) =>
        Components.TryGet(storeName, out var component) && component.Type == "state.azure.cosmosdb" ? $"{partition}\u001f{storedKey}" : storedKey;

    /// <summary>A single-key save or delete: never seen by the outbox, which only watches transactions.</summary>
    internal void CommitWrite(string appId, string storeName, StateWrite write)
    {
        Components.Require(appId, storeName, "state.");
        StateStore(storeName).Apply([write]);
    }

    /// <summary>Commits a transaction's stored writes atomically (the outbox's part is <see cref="TransactionalOutbox"/>).</summary>
    internal void CommitTransaction(string appId, string storeName, IReadOnlyList<StateWrite> writes)
    {
        Components.Require(appId, storeName, "state.");
        StateStore(storeName).Apply(writes);
    }

    /// <summary>
    /// A secretstores.local.file component starts with its file's secrets, as the sidecar reads them (the path
    /// is relative to the app's folder, services/{App}/); tests may add or replace secrets.
    /// </summary>
    private ConcurrentDictionary<string, string> LoadSecrets(string storeName)
    {
        var secrets = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        if (Components.TryGet(storeName, out var component) && component.Type == "secretstores.local.file"
            && component.MetadataValue("secretsFile") is { } file
            && Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "services", "app", file)) is var path && File.Exists(path))
        {
            foreach (var (name, value) in JsonNode.Parse(File.ReadAllText(path))!.AsObject())
            {
                if (value is JsonValue text && text.TryGetValue<string>(out var secret))
                {
                    secrets[name] = secret;
                }
            }
        }

        return secrets;
    }

    internal IReadOnlyDictionary<string, string> SecretsFor(string appId, string storeName)
    {
        Components.Require(appId, storeName, "secretstores.");
        return new Dictionary<string, string>(Secrets(storeName));
    }

    /// <summary>
    /// Service invocation: the caller's sidecar hands the request to the target app with the caller's identity,
    /// under the caller's resiliency policy for that app. Any answer outside 200-399 is a failure to that policy
    /// (counted by the breaker kept per app and method path; retried if the retry policy matches its code), and
    /// the app's own answer comes back when nothing is left to try
    /// (https://github.com/dapr/dapr/blob/v1.18.3/pkg/api/http/directmessaging.go#L122-L228). A body of unknown
    /// length is streamed, so it is never retried (directmessaging.go#L144-L149). Request and answer must fit both
    /// sidecars' --max-body-size.
    /// </summary>
    internal async Task<HttpResponseMessage> InvokeAsync(string callerAppId, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var (targetAppId, methodPathAndQuery) = FabricInvocationHandler.Target(request.RequestUri!);
        if (!_apps.TryGetValue(targetAppId, out var target))
        {
            return DirectInvokeFailure($"failed to invoke, id: {targetAppId}: app not found");
        }

        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var streamed = request.Content is not null && request.Content.Headers.ContentLength is null;
        var limit = Math.Min(Sidecars.MaxBodyBytes(callerAppId), Sidecars.MaxBodyBytes(targetAppId));
        if (body?.Length > limit)
        {
            return DirectInvokeFailure($"failed to invoke, id: {targetAppId}: http: request body too large ({body.Length} bytes, limit {limit})");
        }

        var policy = Resiliency.App(callerAppId, targetAppId, methodPathAndQuery.Split('?', 2)[0]);
        try
        {
            var response = await policy.RunAsync(
                () => SendToAppAsync(target, callerAppId, request, methodPathAndQuery, body, cancellationToken),
                judge: r => (int)r.StatusCode is >= 200 and <= 399 ? null : new AttemptFailure(Permanent: streamed, StatusCode: (int)r.StatusCode));
            return response.Content.Headers.ContentLength > limit
                ? DirectInvokeFailure($"failed to invoke, id: {targetAppId}: grpc: received message larger than max")
                : response;
        }
        catch (CircuitBreakerOpenException ex)
        {
            return DirectInvokeFailure($"failed to invoke, id: {targetAppId}: {ex.Message}");
        }
    }

    private static async Task<HttpResponseMessage> SendToAppAsync(
        FabricApp target, string callerAppId, HttpRequestMessage request, string methodPathAndQuery, byte[]? body, CancellationToken cancellationToken)
    {
        using var forward = new HttpRequestMessage(request.Method, methodPathAndQuery.TrimStart('/'));
        if (body is not null)
        {
            forward.Content = new ByteArrayContent(body);
            foreach (var header in request.Content!.Headers.Where(h => h.Key != "Content-Length"))
            {
                forward.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        foreach (var header in request.Headers)
        {
            forward.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        forward.Headers.Remove("dapr-caller-app-id");
        forward.Headers.TryAddWithoutValidation("dapr-caller-app-id", callerAppId);
        forward.Headers.TryAddWithoutValidation("dapr-callee-app-id", target.AppId);

        using var client = target.CreateSidecarClient();
        var response = await client.SendAsync(forward, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return response;
    }

    private static HttpResponseMessage DirectInvokeFailure(string message) =>
        new(HttpStatusCode.InternalServerError) { Content = JsonContentFor(new { errorCode = "ERR_DIRECT_INVOKE", message }) };

    /// <summary>
    /// The most an app's DaprClient accepts in one answer: what the app configured for its gRPC channel
    /// (<see cref="DaprClientLimits"/>), else Grpc.Net.Client's default of 4 MiB.
    /// </summary>
    internal long ClientReceiveLimit(string appId) =>
        _apps.TryGetValue(appId, out var app) && app.Services.GetService(typeof(IOptions<DaprClientLimits>)) is IOptions<DaprClientLimits> limits
            ? limits.Value.MaxMessageBytes
            : 4 * 1024 * 1024;

    private static StringContent JsonContentFor(object value) =>
        new(JsonSerializer.Serialize(value), System.Text.Encoding.UTF8, "application/json");
}
