namespace CloudPatterns.ProductService.Tests.Catalog;

public sealed class PriceLookupTests
{
    [Fact]
    public async Task PricesKnownSkusAndNamesUnknownOnes()
    {
        await using var host = await ProductServiceHost.StartAsync();

        var response = await host.Client.PostAsJsonAsync("catalog/prices", new PriceLookupRequest(["LAMP-DESK-LED", "NOPE-1", "LAMP-DESK-LED"]));
        var prices = await response.Content.ReadFromJsonAsync<PriceLookupResponse>(JsonDefaults.Options);

        Assert.Equal(new ProductPrice("LAMP-DESK-LED", "LED desk lamp", new Money(59.00m, "USD"), true), Assert.Single(prices!.Products));
        Assert.Equal(["NOPE-1"], prices.Unknown);
    }

    [Theory]
    [InlineData("""{"skus":[]}""")]
    [InlineData("""{"skus":[""]}""")]
    [InlineData("""{}""")]
    public async Task AnEmptyLookupIsABadRequestNamingSkus(string body)
    {
        await using var host = await ProductServiceHost.StartAsync(seed: false);

        var response = await host.Client.PostAsync("catalog/prices", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("skus", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
