namespace CloudPatterns.ProductService.Catalog;

/// <summary>
/// The listing of every product, kept in one document beside the products themselves, because the SQLite
/// state store has no query API. Listing, paging and filtering read this one key. It suits catalogs of
/// thousands of products; a larger catalog would move listings to a store with the query API or a search index.
/// </summary>
public sealed record CatalogIndex(IReadOnlyList<ProductSummary> Products)
{
    public static CatalogIndex Empty { get; } = new([]);

    public CatalogIndex With(ProductSummary product) =>
        new(Products.Where(p => p.Sku != product.Sku).Append(product).OrderBy(p => p.Sku, StringComparer.Ordinal).ToList());
}

/// <summary>What a catalog listing shows of a product.</summary>
public sealed record ProductSummary(string Sku, string Name, string Category, Money Price, bool Active);
