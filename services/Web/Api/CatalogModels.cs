namespace CloudPatterns.Web.Api;

/// <summary>GET /api/products: one page of the catalog.</summary>
public sealed record ProductPage(IReadOnlyList<ProductSummary> Items, int Page, int PageSize, int TotalCount)
{
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
}

public sealed record ProductSummary(string Sku, string Name, string Category, Money Price, bool Active);

/// <summary>GET /api/products/{sku}.</summary>
public sealed record Product(string Sku, string Name, string Description, string Category, Money Price, bool Active, IReadOnlyList<ProductImage>? Images = null);

/// <summary>PUT /api/products/{sku}'s body: the product's details (stock is set apart).</summary>
public sealed record ProductChange(string Name, string? Description, string Category, Money Price, bool Active);

/// <summary>An uploaded image; once image-processor made them, its variants (640, 1280 and 1920 wide, or the original's width if narrower).</summary>
public sealed record ProductImage(string UploadId, int Width, int Height, string Status, IReadOnlyList<ImageVariant> Variants);

/// <summary>GET /api/products/{sku}/stock.</summary>
public sealed record StockLevel(string Sku, int OnHand, int Reserved, int Available);
