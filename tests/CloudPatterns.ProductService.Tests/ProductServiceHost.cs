using System.Net.Http.Json;
using CloudPatterns.Hosting.Json;
using CloudPatterns.ProductService.Catalog;
using CloudPatterns.ProductService.Inventory;
using CloudPatterns.Testing.Fabric;
using CloudPatterns.Testing.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CloudPatterns.ProductService.Tests;

/// <summary>product-service in memory, joined to a fresh fabric, with its seed catalog loaded.</summary>
public sealed class ProductServiceHost : IAsyncDisposable
{
    public const string AppId = "product-service";

    private ProductServiceHost(DaprTestFabric fabric, DaprAppFactory<ProductServiceApp> app)
    {
        Fabric = fabric;
        App = app;
        Client = app.CreateTrustedClient();
    }

    public DaprTestFabric Fabric { get; }

    public DaprAppFactory<ProductServiceApp> App { get; }

    /// <summary>Calls the app as its sidecar does (with the app token when the fabric has one).</summary>
    public HttpClient Client { get; }

    public static async Task<ProductServiceHost> StartAsync(
        Action<DaprTestFabric>? arrange = null, bool seed = true, Action<IWebHostBuilder>? configure = null)
    {
        var fabric = new DaprTestFabric();
        arrange?.Invoke(fabric);
        var app = new DaprAppFactory<ProductServiceApp>(fabric, AppId, builder =>
        {
            builder.UseSetting("Catalog:SeedOnStartup", seed ? "true" : "false");
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        await app.Services.GetRequiredService<CatalogSeeder>().Seeded.WaitAsync(TimeSpan.FromSeconds(30));
        return new ProductServiceHost(fabric, app);
    }

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public async Task<StockLevel> StockAsync(string sku) =>
        (await Client.GetFromJsonAsync<StockLevel>($"products/{sku}/stock", JsonDefaults.Options))!;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}
