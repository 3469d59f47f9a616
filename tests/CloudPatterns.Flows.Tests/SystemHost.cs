namespace CloudPatterns.Flows.Tests;

/// <summary>
/// Every service of the system, unchanged, on one fabric: product, order (with its workflow), payment
/// (calling the provider simulator over plain HTTP), shipping, notification, analytics and the image processor.
/// Every app's log lines, at every level, are kept in <see cref="Logs"/>.
/// </summary>
public sealed class SystemHost : IAsyncDisposable
{
    private const string ProviderApiKey = "dev-only-fake-payment-provider-key";

    private readonly List<IAsyncDisposable> _apps = [];
    private readonly Dictionary<string, HttpClient> _clients = [];
    private WebApplicationFactory<PaymentProviderSimulatorApp> _provider = null!;

    private SystemHost(DaprTestFabric fabric) => Fabric = fabric;

    public DaprTestFabric Fabric { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>The payment provider simulator's knobs (failure rate, latency, ...) and its request count.</summary>
    public SimulatorSettings Provider => _provider.Services.GetRequiredService<SimulatorSettings>();

    /// <summary>The charges and refunds the provider made.</summary>
    public ProviderLedger ProviderLedger => _provider.Services.GetRequiredService<ProviderLedger>();

    /// <summary>The provider simulator's own API (tokenisation), as the shop's payment page would call it.</summary>
    public HttpClient ProviderClient()
    {
        var client = _provider.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", ProviderApiKey);
        return client;
    }

    /// <summary>A handler reaching the provider simulator in process, for another app's client of it (the web site's knobs page).</summary>
    public HttpMessageHandler ProviderHandler() => _provider.Server.CreateHandler();

    public static async Task<SystemHost> StartAsync(Action<DaprTestFabric>? arrange = null)
    {
        var host = new SystemHost(new DaprTestFabric());
        arrange?.Invoke(host.Fabric);
        host.Fabric.Secrets("secretstore")["payment-provider-api-key"] = ProviderApiKey;

        var provider = new WebApplicationFactory<PaymentProviderSimulatorApp>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Simulator:ApiKey", ProviderApiKey);
            builder.ConfigureTestServices(services => services.RemoveAll<TimeProvider>().AddSingleton<TimeProvider>(host.Fabric.Time));
        });
        var providerHandler = provider.Server.CreateHandler();
        host._apps.Add(provider);
        host._provider = provider;

        var products = await host.StartAppAsync<ProductServiceApp>(AppIds.ProductService);
        await products.Services.GetRequiredService<CatalogSeeder>().Seeded.WaitAsync(TimeSpan.FromSeconds(30));
        await host.StartAppAsync<OrderServiceApp>(AppIds.OrderService);
        await host.StartAppAsync<PaymentServiceApp>(AppIds.PaymentService, builder =>
        {
            builder.UseSetting("PaymentProvider:BaseUrl", "http://payment-provider/");
            builder.ConfigureTestServices(services =>
                services.AddHttpClient<PaymentProviderClient>().ConfigurePrimaryHttpMessageHandler(() => providerHandler));
        });
        await host.StartAppAsync<ShippingServiceApp>(AppIds.ShippingService);
        await host.StartAppAsync<NotificationServiceApp>(AppIds.NotificationService);
        await host.StartAppAsync<AnalyticsServiceApp>(AppIds.AnalyticsService);
        await host.StartAppAsync<ImageProcessorApp>(AppIds.ImageProcessor);
        return host;
    }

    /// <summary>Calls an app as its sidecar would (what a service invocation reaches), as a trusted caller.</summary>
    public HttpClient Client(string appId) => _clients[appId];

    /// <summary>Calls an app with this user's token (or none), from this app's sidecar (or as a bare sidecar call).</summary>
    public HttpClient As(string appId, string? bearerToken, string? callerAppId = null) => Fabric.App(appId).CreateSidecarClient(bearerToken, callerAppId);

    /// <summary>Every endpoint of every app, with the app it belongs to.</summary>
    public IEnumerable<(string AppId, Microsoft.AspNetCore.Routing.RouteEndpoint Endpoint)> Endpoints() =>
        Fabric.AppIds.SelectMany(appId => Fabric.App(appId).Services.GetServices<Microsoft.AspNetCore.Routing.EndpointDataSource>()
            .SelectMany(source => source.Endpoints).OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>().Select(endpoint => (appId, endpoint)));

    /// <summary>POSTs an order to order-service and lets every service run until the system is quiet.</summary>
    public async Task<string> PlaceOrderAsync(object order)
    {
        using var response = await Client(AppIds.OrderService).PostAsJsonAsync("orders", order);
        response.EnsureSuccessStatusCode();
        var accepted = await response.Content.ReadFromJsonAsync<OrderAccepted>(JsonDefaults.Options);
        await Fabric.WaitForQuietAsync(TimeSpan.FromSeconds(60));
        return accepted!.OrderId;
    }

    public async Task<OrderView> OrderAsync(string orderId) =>
        (await Client(AppIds.OrderService).GetFromJsonAsync<OrderView>($"orders/{orderId}", JsonDefaults.Options))!;

    public async Task<Shipment?> ShipmentAsync(string orderId)
    {
        using var response = await Client(AppIds.ShippingService).GetAsync($"orders/{orderId}/shipment");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<Shipment>(JsonDefaults.Options) : null;
    }

    public async Task<StockLevel> StockAsync(string sku) =>
        (await Client(AppIds.ProductService).GetFromJsonAsync<StockLevel>($"products/{sku}/stock", JsonDefaults.Options))!;

    public async Task<AnalyticsSummary> AnalyticsAsync() =>
        (await Client(AppIds.AnalyticsService).GetFromJsonAsync<AnalyticsSummary>("analytics/summary", JsonDefaults.Options))!;

    /// <summary>The email files the local email binding wrote, as (recipient, subject, text).</summary>
    public IReadOnlyList<(string To, string Subject, string Text)> Mail() =>
        Fabric.Bindings.Calls.Where(c => c.BindingName == "email")
            .Select(c => (c.Metadata["emailTo"], c.Metadata["subject"], Encoding.UTF8.GetString(Fabric.Bindings.LocalStorage("email").Files[c.Metadata["fileName"]])))
            .ToList();

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        foreach (var app in Enumerable.Reverse(_apps))
        {
            await app.DisposeAsync();
        }
    }

    private async Task<DaprAppFactory<TApp>> StartAppAsync<TApp>(string appId, Action<IWebHostBuilder>? configure = null) where TApp : class
    {
        var app = await new DaprAppFactory<TApp>(Fabric, appId, builder =>
        {
            builder.ConfigureLogging(CapturingLoggerProvider.CaptureLogs(Logs));
            configure?.Invoke(builder);
        }).StartAsync();
        _apps.Add(app);
        _clients[appId] = app.CreateTrustedClient();
        return app;
    }
}
