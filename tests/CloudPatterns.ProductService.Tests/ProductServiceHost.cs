namespace CloudPatterns.ProductService.Tests;

/// <summary>product-service in memory, joined to a fresh fabric, with its seed catalog loaded.</summary>
public sealed class ProductServiceHost : AppHost<ProductServiceApp>
{
    public const string AppId = "product-service";

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

    public async Task<StockLevel> StockAsync(string sku) =>
        (await Client.GetFromJsonAsync<StockLevel>($"products/{sku}/stock", JsonDefaults.Options))!;
}
