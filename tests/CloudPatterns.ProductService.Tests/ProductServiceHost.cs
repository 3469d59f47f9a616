namespace CloudPatterns.ProductService.Tests;

/// <summary>product-service in memory, joined to a fresh fabric, with its seed catalog loaded.</summary>
public sealed class ProductServiceHost : AppHost<ProductServiceApp>
{
    public const string AppId = "product-service";

    /// <summary>The canary's app id: the same code under a second id.</summary>
    public const string CanaryAppId = "product-service-v2";

    private ProductServiceHost(DaprAppFactory<ProductServiceApp> app, CapturingLoggerProvider logs)
        : base(app, logs)
    {
    }

    public static async Task<ProductServiceHost> StartAsync(
        Action<DaprTestFabric>? arrange = null, bool seed = true, Action<IWebHostBuilder>? configure = null)
    {
        var logs = new CapturingLoggerProvider();
        var settings = new Dictionary<string, string?> { ["Catalog:SeedOnStartup"] = seed ? "true" : "false" };
        var app = await StartAppAsync(AppId, logs, settings, arrange, configure);
        await app.Services.GetRequiredService<CatalogSeeder>().Seeded.WaitAsync(TimeSpan.FromSeconds(30));
        return new ProductServiceHost(app, logs);
    }

    /// <summary>
    /// Starts the canary on this host's fabric, so it shares this instance's data; as dapr.yaml runs the canary, it hosts
    /// no actors and seeds no catalog.
    /// </summary>
    public Task<DaprAppFactory<ProductServiceApp>> StartCanaryAsync() =>
        new DaprAppFactory<ProductServiceApp>(Fabric, CanaryAppId, builder =>
        {
            builder.UseSetting("Inventory:HostActors", "false");
            builder.UseSetting("Catalog:SeedOnStartup", "false");
        }).StartAsync();

    public async Task<StockLevel> StockAsync(string sku) =>
        (await Client.GetFromJsonAsync<StockLevel>($"products/{sku}/stock", JsonDefaults.Options))!;
}
