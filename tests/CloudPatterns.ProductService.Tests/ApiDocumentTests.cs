namespace CloudPatterns.ProductService.Tests;

/// <summary>
/// product-service's API document, as the gateway reads it to merge into the public API reference, which groups the
/// operations a developer reads by their tags.
/// </summary>
public sealed class ApiDocumentTests
{
    [Fact]
    public async Task TheCatalogAndItsImagesAreListedUnderCatalogAndStockUnderInventory()
    {
        await using var host = await ProductServiceHost.StartAsync(seed: false);
        using var gateway = host.Fabric.App(ProductServiceHost.AppId).CreateSidecarClient((string?)null, AppIds.Gateway);

        var document = JsonNode.Parse(await gateway.GetStringAsync("openapi/v1.json"))!;

        var grouped = document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(o => o.Key is "get" or "put" or "post" or "delete" or "patch")
            .Select(o => $"{string.Join(", ", o.Value!["tags"]!.AsArray().Select(t => t!.GetValue<string>()))}: {o.Key.ToUpperInvariant()} {path.Key}"));
        Assert.Equal(
            [
                "Catalog: GET /products", "Catalog: GET /products/{sku}", "Catalog: GET /products/{sku}/images/{uploadId}/{width}",
                "Catalog: POST /products", "Catalog: POST /products/{sku}/images", "Catalog: PUT /products/{sku}",
                "Inventory: GET /products/{sku}/stock", "Inventory: PUT /products/{sku}/stock",
            ],
            grouped.Order(StringComparer.Ordinal));
    }
}
