namespace CloudPatterns.Flows.Tests;

/// <summary>The gateway's public API document with every service running: each route described by its service's own document.</summary>
public sealed class PublicApiDocumentTests
{
    [Fact]
    public async Task WithEveryServiceUpEveryRouteIsDescribedByItsServicesOwnDocument()
    {
        await using var system = await SystemHost.StartAsync();
        await using var gateway = await new DaprAppFactory<GatewayApp>(system.Fabric, "gateway").StartAsync();
        using var client = gateway.CreateClient();

        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Where(o => o.Key is "get" or "put" or "post" or "delete").Select(o => (Path: path.Key, Operation: o.Value!)))
            .ToList();
        // Every API route; the web site's route serves pages, which the API document does not describe.
        var routeIds = gateway.Services.GetRequiredService<IProxyConfigProvider>().GetConfig().Routes
            .Where(r => !DaprRoutes.ServesPages(r)).Select(r => r.RouteId).Order(StringComparer.Ordinal);
        Assert.Empty(operations.Where(o => o.Operation["x-route-only"] is not null).Select(o => o.Path));
        // Every operation is a route's, except the one the gateway answers itself.
        Assert.Equal(["/api/admin/canary"], operations.Where(o => o.Operation["x-gateway-route"] is null).Select(o => o.Path));
        Assert.Equal(routeIds, operations.Select(o => o.Operation["x-gateway-route"]?.GetValue<string>()).OfType<string>().Distinct().Order(StringComparer.Ordinal));
        Assert.Equal("Everything outside can reach, through the gateway, as each service describes it.", document["info"]!["description"]!.GetValue<string>());

        var schemas = document["components"]!["schemas"]!.AsObject();
        Assert.Equal("#/components/schemas/ShippingQuote", Ref(document["paths"]!["/api/shipping/quote"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!));
        Assert.Equal("#/components/schemas/RefundInput", Ref(document["paths"]!["/api/payments/{paymentId}/refund"]!["post"]!["requestBody"]!["content"]!["application/json"]!));
        Assert.Equal("#/components/schemas/Shipment", Ref(document["paths"]!["/api/orders/{orderId}/shipment"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!));
        Assert.Equal("#/components/schemas/AnalyticsSummary", Ref(document["paths"]!["/api/analytics/summary"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!));
        Assert.All(["ShippingQuote", "RefundInput", "Shipment", "AnalyticsSummary", "NotificationPreferences", "Product", "OrderView"], name => Assert.True(schemas.ContainsKey(name), name));
        // Paths services document that no route forwards stay private.
        Assert.Null(document["paths"]!["/api/shipments/{shipmentId}"]);
        Assert.Null(document["paths"]!["/api/catalog/prices"]);
        Assert.NotNull(document["paths"]!["/api/provider/status"]);
    }

    private static string Ref(JsonNode media) => media["schema"]!["$ref"]!.GetValue<string>();
}
