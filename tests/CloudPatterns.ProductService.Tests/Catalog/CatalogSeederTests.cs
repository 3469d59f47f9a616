namespace CloudPatterns.ProductService.Tests.Catalog;

public sealed class CatalogSeederTests
{
    [Fact]
    public async Task TheFirstStartSeedsEveryProductWithItsStock()
    {
        await using var host = await ProductServiceHost.StartAsync();

        Assert.Equal(9, await host.Service<CatalogSeeder>().Seeded);
        Assert.Equal(10, (await host.StockAsync("POSTER-LIMITED")).OnHand);
        var seeded = Assert.Single(host.Logs.Lines, l => l.Contains("Catalog seeded", StringComparison.Ordinal));
        Assert.Contains("Catalog seeded: 9 products added", seeded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedingAgainAddsNothingAndKeepsStockThatChangedMeanwhile()
    {
        await using var host = await ProductServiceHost.StartAsync();
        await host.Client.PutAsJsonAsync("products/POSTER-LIMITED/stock", new { onHand = 3 });

        var addedOnRestart = await host.Service<CatalogSeeder>().SeedAsync(CancellationToken.None);

        Assert.Equal(0, addedOnRestart);
        var page = await host.Client.GetFromJsonAsync<ProductPage>("products?pageSize=100", JsonDefaults.Options);
        Assert.Equal(9, page!.TotalCount);
        Assert.Equal(3, (await host.StockAsync("POSTER-LIMITED")).OnHand);
    }
}
