namespace CloudPatterns.ProductService.Tests;

/// <summary>product-service-v2 (the canary): the same code under a second app id, sharing the first one's data.</summary>
public sealed class CanaryInstanceTests
{
    [Fact]
    public async Task TheCanaryServesTheSameCatalogAndStockWithoutHostingActorsOrConsumingEvents()
    {
        await using var stable = await ProductServiceHost.StartAsync();
        await using var canary = await stable.StartCanaryAsync();
        using var client = canary.CreateTrustedClient();

        var stock = await client.GetFromJsonAsync<StockLevel>("products/LAMP-DESK-LED/stock", JsonDefaults.Options);
        using var product = await client.GetAsync("products/LAMP-DESK-LED");

        Assert.Equal(await stable.StockAsync("LAMP-DESK-LED"), stock);
        Assert.True(product.IsSuccessStatusCode);
        Assert.DoesNotContain(stable.Fabric.PubSub.Subscriptions, s => s.AppId == ProductServiceHost.CanaryAppId);
        Assert.Contains(stable.Fabric.PubSub.Subscriptions, s => s.AppId == AppIds.ProductService && s.Topic == OrderCreated.Topic);
    }
}
