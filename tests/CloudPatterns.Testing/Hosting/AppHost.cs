namespace CloudPatterns.Testing.Hosting;

/// <summary>
/// One app on a fresh fabric, called as its sidecar calls it: what each service's test host shares. A host adds what
/// its tests ask of that app (its events, its reads).
/// </summary>
public abstract class AppHost<TApp> : IAsyncDisposable where TApp : class
{
    protected AppHost(DaprAppFactory<TApp> app, CapturingLoggerProvider logs)
    {
        App = app;
        Logs = logs;
        Client = app.CreateTrustedClient();
    }

    public DaprTestFabric Fabric => App.Fabric;

    public DaprAppFactory<TApp> App { get; }

    /// <summary>What the app logs, at every level.</summary>
    public CapturingLoggerProvider Logs { get; }

    /// <summary>Calls the app as its sidecar does, as an admin arriving from order-service (see <see cref="DaprAppFactory{T}.CreateTrustedClient"/>).</summary>
    public HttpClient Client { get; }

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>Delivers the event as the sidecar does and returns the status the app answered (SUCCESS, RETRY, DROP).</summary>
    public async Task<string> DeliverAsync<TEvent>(TEvent integrationEvent, string source = AppIds.OrderService) where TEvent : IIntegrationEvent
    {
        using var request = CloudEvents.Post(CloudEvents.Envelope(integrationEvent, source));
        return await StatusOf(await Client.SendAsync(request));
    }

    /// <summary>Delivers a body as it is, for what the sidecar may hand over that no event type describes.</summary>
    public async Task<string> DeliverRawAsync(string topic, string rawBody)
    {
        using var request = CloudEvents.Post($"events/{topic}", rawBody);
        return await StatusOf(await Client.SendAsync(request));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Starts <typeparamref name="TApp"/> under <paramref name="appId"/> on a fresh fabric, arranged first, with
    /// <paramref name="settings"/> and everything it logs kept in <paramref name="logs"/>.
    /// </summary>
    protected static Task<DaprAppFactory<TApp>> StartAppAsync(
        string appId,
        CapturingLoggerProvider logs,
        IDictionary<string, string?>? settings = null,
        Action<DaprTestFabric>? arrange = null,
        Action<IWebHostBuilder>? configure = null)
    {
        var fabric = new DaprTestFabric();
        arrange?.Invoke(fabric);
        return new DaprAppFactory<TApp>(fabric, appId, builder =>
        {
            builder.ConfigureLogging(CapturingLoggerProvider.CaptureLogs(logs));
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }

            configure?.Invoke(builder);
        }).StartAsync();
    }

    private static async Task<string> StatusOf(HttpResponseMessage response)
    {
        using (response)
        {
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>();
        }
    }
}
