namespace CloudPatterns.EndToEnd.Systems;

/// <summary>
/// The system on the in-process fabric: every service as the flow tests host it (<see cref="SystemHost"/>), plus
/// what dapr.yaml adds in front - the real gateway, forwarding through its sidecar (the fabric's service invocation),
/// and the canary product-service-v2 - each with the environment the run file gives it.
/// </summary>
public sealed class FabricSystem : ISystemUnderTest, IAsyncDisposable
{
    private const string GatewayId = "gateway";
    private const string CanaryId = "product-service-v2";

    private readonly SystemHost _host;
    private readonly List<IAsyncDisposable> _apps = [];
    private DaprAppFactory<GatewayApp> _gateway = null!;

    private FabricSystem(SystemHost host) => _host = host;

    public string Name => "the in-process fabric";

    public bool HasFakeClock => true;

    public DateTimeOffset Now => Fabric.Time.GetUtcNow();

    public DaprTestFabric Fabric => _host.Fabric;

    public static async Task<FabricSystem> StartAsync()
    {
        var system = new FabricSystem(await SystemHost.StartAsync());
        var runFile = RunFile.Load();
        system._apps.Add(await new DaprAppFactory<ProductServiceApp>(system.Fabric, CanaryId, builder => Apply(builder, runFile.App(CanaryId))).StartAsync());
        system._gateway = await new DaprAppFactory<GatewayApp>(system.Fabric, GatewayId, builder =>
        {
            Apply(builder, runFile.App(GatewayId));
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<IForwarderHttpClientFactory>();
                services.AddSingleton<IForwarderHttpClientFactory>(new SidecarForwarder(system.Fabric));
                services.AddSingleton<IStartupFilter, LocalCaller>();
            });
        }).StartAsync();
        system._apps.Add(system._gateway);
        return system;
    }

    public HttpClient Gateway(string? bearerToken = null)
    {
        var client = _gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = bearerToken is null ? null : new("Bearer", bearerToken);
        return client;
    }

    /// <summary>The in-process gateway's handler: for a client that must reach it without a socket (the web site's API calls).</summary>
    public HttpMessageHandler GatewayHandler() => _gateway.Server.CreateHandler();

    /// <summary>One more app of dapr.yaml on the fabric, with the environment the run file gives it, stopped with the system.</summary>
    public async Task<DaprAppFactory<TApp>> StartAppAsync<TApp>(string appId, Action<IWebHostBuilder>? configure = null) where TApp : class
    {
        var runFile = RunFile.Load();
        var app = await new DaprAppFactory<TApp>(Fabric, appId, builder =>
        {
            Apply(builder, runFile.App(appId));
            configure?.Invoke(builder);
        }).StartAsync();
        _apps.Add(app);
        return app;
    }

    public HttpClient Sidecar(string appId, string? bearerToken = null)
    {
        var client = new HttpClient(new FabricSidecarApi(Fabric, appId)) { BaseAddress = new Uri("http://127.0.0.1:3500/") };
        client.DefaultRequestHeaders.Authorization = bearerToken is null ? null : new("Bearer", bearerToken);
        return client;
    }

    public HttpClient PaymentProvider() => _host.ProviderClient();

    /// <summary>The provider simulator's handler: for a client that must reach it without a socket (the web site's knobs page).</summary>
    public HttpMessageHandler PaymentProviderHandler() => _host.ProviderHandler();

    public Task<IReadOnlyList<MailFile>> MailAsync() => Task.FromResult<IReadOnlyList<MailFile>>(
        Fabric.Bindings.LocalStorage("email").Files.Select(f => new MailFile(f.Key, Encoding.UTF8.GetString(f.Value))).ToList());

    public async Task PassTimeAsync(TimeSpan duration)
    {
        await Fabric.WaitForQuietAsync(TimeSpan.FromSeconds(60));
        await Fabric.AdvanceTimeAsync(duration);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in Enumerable.Reverse(_apps))
        {
            await app.DisposeAsync();
        }

        await _host.DisposeAsync();
    }

    private static void Apply(IWebHostBuilder builder, RunFileApp app)
    {
        foreach (var (key, value) in app.Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>YARP's outgoing client, pointed at the gateway's sidecar on the fabric instead of localhost:3500.</summary>
    private sealed class SidecarForwarder(DaprTestFabric fabric) : IForwarderHttpClientFactory
    {
        public HttpMessageInvoker CreateClient(ForwarderHttpClientContext context) => new(new FabricInvocationHandler(fabric, GatewayId), disposeHandler: true);
    }

    /// <summary>
    /// The in-process server has no socket, so no peer address: every caller here is on the gateway's machine, as a
    /// user of `dapr run` is (which POST /dev/token requires), so the connection gets the loopback address Kestrel would give it.
    /// </summary>
    private sealed class LocalCaller : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
