namespace CloudPatterns.ProductService.Catalog;

/// <summary>One entry of the seed file: a product and the stock it starts with.</summary>
public sealed record SeedProduct(string Sku, string Name, string Description, string Category, PriceInput Price, int Stock);
