namespace CloudPatterns.ProductService.Tests.Catalog;

public sealed class OutageTests
{
    [Fact]
    public async Task WhileTheStoreIsDownTheAnswerIs503WithRetryAfterNotA500()
    {
        await using var host = await ProductServiceHost.StartAsync();
        host.Fabric.StateStore("product-store").Unavailable = true;

        using var response = await host.Client.GetAsync("products/LAMP-DESK-LED");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("A dependency of this service is unavailable.", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
    }
}
