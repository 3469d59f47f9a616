namespace CloudPatterns.OrderService.Tests.Hosting;

/// <summary>order-service's own API document, as the gateway reads it to build the public reference.</summary>
public sealed class ApiDocumentTests
{
    public static TheoryData<string, string> Operations => TheoryGroups.Of(
        ("Orders", ["POST /orders", "POST /orders/{orderId}/cancel", "GET /orders/{orderId}", "GET /customers/{customerId}/orders"]),
        ("Orders (admin)", ["GET /admin/orders/stuck", "POST /admin/orders/{orderId}/retry", "POST /admin/orders/{orderId}/terminate"]),
        ("Dead letters (admin)", ["GET /admin/dead-letters", "GET /admin/dead-letters/{messageId}", "POST /admin/dead-letters/{messageId}/replay"]));

    [Theory, MemberData(nameof(Operations))]
    public async Task EachOperationIsFiledUnderTheTagTheReferenceGroupsItBy(string tag, string operation)
    {
        await using var shop = await ShopHost.StartAsync();

        using var gateway = shop.Fabric.App(AppIds.OrderService).CreateSidecarClient((string?)null, AppIds.Gateway);
        var document = JsonNode.Parse(await gateway.GetStringAsync("openapi/v1.json"))!;

        var (method, path) = RequestLine.Read(operation);
        Assert.Equal([tag], document["paths"]![path]![method.Method.ToLowerInvariant()]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
    }
}
