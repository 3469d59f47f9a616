namespace CloudPatterns.ProductService.Catalog;

/// <summary>A catalog entry. The SKU is its id: orders, stock and images all refer to it.</summary>
public sealed record Product(
    string Sku,
    string Name,
    string Description,
    string Category,
    Money Price,
    bool Active,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<ProductImage>? Images = null)
{
    public ProductSummary ToSummary() => new(Sku, Name, Category, Price, Active);
}
