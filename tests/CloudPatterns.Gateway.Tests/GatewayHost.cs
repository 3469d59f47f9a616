namespace CloudPatterns.Gateway.Tests;

/// <summary>
/// The gateway on a fabric, its forwarder going through the fabric's sidecar (service invocation by the
/// dapr-app-id header). Behind it: stand-in apps that echo what reached them, or real services.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _apps = [];
    private readonly List<DaprAppFactory<GatewayApp>> _replicas = [];
    private IDictionary<string, string?>? _settings;
    private Action<IWebHostBuilder>? _configure;

    private GatewayHost(DaprTestFabric fabric) => Fabric = fabric;

    public DaprTestFabric Fabric { get; }

    public DaprAppFactory<GatewayApp> Gateway { get; private set; } = null!;

    public Dictionary<string, EchoApp> Echo { get; } = new(StringComparer.Ordinal);

    /// <summary>Every line the gateway (each replica) logs.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    public static readonly string[] AllServices =
    [
        AppIds.ProductService, AppIds.OrderService, AppIds.PaymentService, AppIds.ShippingService,
        AppIds.NotificationService, AppIds.AnalyticsService, AppIds.Web,
    ];

    /// <summary>The gateway with an echo app under every service's app id (and any extra ids, e.g. a canary).</summary>
    public static async Task<GatewayHost> StartAsync(
        IDictionary<string, string?>? settings = null, string[]? extraEchoApps = null, Action<IWebHostBuilder>? configure = null)
    {
        var host = new GatewayHost(new DaprTestFabric());
        foreach (var appId in AllServices.Concat(extraEchoApps ?? []))
        {
            host.Echo[appId] = await EchoApp.JoinAsync(host.Fabric, appId);
        }

        await host.StartGatewayAsync(settings, configure);
        return host;
    }

    /// <summary>Everything every echo app received.</summary>
    public IReadOnlyList<ReceivedRequest> Forwarded => Echo.Values.SelectMany(e => e.Received).ToList();

    /// <summary>The gateway in front of real apps the caller starts on <paramref name="fabric"/>.</summary>
    public static async Task<GatewayHost> StartInFrontOfAsync(DaprTestFabric fabric, params IAsyncDisposable[] apps)
    {
        var host = new GatewayHost(fabric);
        host._apps.AddRange(apps);
        await host.StartGatewayAsync(null, null);
        return host;
    }

    /// <summary>
    /// Another replica of the gateway, with the same settings: the same app id, so the same sidecar view (state keys,
    /// caller id). It does not join the fabric a second time - Dapr gives every replica of an app id one identity,
    /// and nothing calls the gateway through its sidecar, so there is nothing to register. Returns its number for
    /// <see cref="Public"/> (the first gateway is replica 0).
    /// </summary>
    public int AddReplica()
    {
        var replica = CreateGateway(_settings, _configure);
        _ = replica.Server;
        _replicas.Add(replica);
        return _replicas.Count;
    }

    /// <summary>The statuses of <paramref name="count"/> GETs of <paramref name="path"/>, one after another.</summary>
    public static async Task<List<HttpStatusCode>> StatusesAsync(HttpClient client, string path, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync(path);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    /// <summary>
    /// A client on the public internet: it reaches the gateway only (<paramref name="replica"/>: which one).
    /// <paramref name="peer"/> is the address the gateway's connection comes from (the client itself, or a proxy
    /// in front of the gateway). The client goes with the host: disposing the host disposes it.
    /// </summary>
    public HttpClient Public(string? bearerToken = null, string? peer = null, int replica = 0)
    {
        var client = (replica == 0 ? Gateway : _replicas[replica - 1]).CreateClient();
        if (bearerToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        if (peer is not null)
        {
            client.DefaultRequestHeaders.Add(TestPeer.Header, peer);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        await Gateway.DisposeAsync();
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }
    }

    private async Task StartGatewayAsync(IDictionary<string, string?>? settings, Action<IWebHostBuilder>? configure)
    {
        (_settings, _configure) = (settings, configure);
        Gateway = CreateGateway(settings, configure);
        await Gateway.StartAsync();
    }

    private DaprAppFactory<GatewayApp> CreateGateway(IDictionary<string, string?>? settings, Action<IWebHostBuilder>? configure) =>
        new(Fabric, "gateway", builder =>
        {
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureLogging(CapturingLoggerProvider.CaptureLogs(Logs));
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<IForwarderHttpClientFactory>();
                services.AddSingleton<IForwarderHttpClientFactory>(new FabricForwarderClientFactory(Fabric));
                services.AddSingleton<IStartupFilter, TestPeer>();
            });
            configure?.Invoke(builder);
        });

    /// <summary>
    /// The in-process server has no TCP connection: this sets the connection's remote address from a test header,
    /// before anything of the gateway runs, as Kestrel would from the socket.
    /// </summary>
    private sealed class TestPeer : IStartupFilter
    {
        public const string Header = "x-test-peer";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Headers.Remove(Header, out var peer))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                }

                await nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>YARP's outgoing client, pointed at the fabric's sidecar instead of localhost:3500.</summary>
    private sealed class FabricForwarderClientFactory(DaprTestFabric fabric) : IForwarderHttpClientFactory
    {
        public HttpMessageInvoker CreateClient(ForwarderHttpClientContext context) =>
            new(new FabricInvocationHandler(fabric, "gateway"), disposeHandler: true);
    }
}
