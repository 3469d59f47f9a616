namespace CloudPatterns.OrderService.Tests.Hosting;

/// <summary>order-service's own API document, as the gateway reads it to build the public reference.</summary>
public sealed class ApiDocumentTests
{
    [Theory]
    [InlineData("/orders", "post", "Orders")]
    [InlineData("/orders/{orderId}", "get", "Orders")]
    [InlineData("/customers/{customerId}/orders", "get", "Orders")]
    [InlineData("/admin/orders/stuck", "get", "Orders (admin)")]
    [InlineData("/admin/orders/{orderId}/retry", "post", "Orders (admin)")]
    [InlineData("/admin/dead-letters", "get", "Dead letters (admin)")]
    public async Task EachOperationIsFiledUnderTheTagTheReferenceGroupsItBy(string path, string method, string tag)
    {
        await using var shop = await ShopHost.StartAsync();

        using var gateway = shop.Fabric.App(AppIds.OrderService).CreateSidecarClient((string?)null, AppIds.Gateway);
        var document = JsonNode.Parse(await gateway.GetStringAsync("openapi/v1.json"))!;

        Assert.Equal([tag], document["paths"]![path]![method]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
    }
}
