using System.ComponentModel.DataAnnotations;

namespace CloudPatterns.ProductService.Catalog;

public sealed record CreateProductRequest(
    [property: Required, RegularExpression(CreateProductRequest.SkuPattern, ErrorMessage = "The Sku field must be 3 to 40 upper-case letters, digits or dashes.")]
    string Sku,
    [property: Required, StringLength(120)] string Name,
    [property: StringLength(2000)] string? Description,
    [property: Required, StringLength(60)] string Category,
    [property: Required] PriceInput Price,
    [property: Range(0, 1_000_000)] int InitialStock = 0,
    bool Active = true)
{
    public const string SkuPattern = "^[A-Z0-9][A-Z0-9-]{2,39}$";
}
