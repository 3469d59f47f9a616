using System.ComponentModel.DataAnnotations;

namespace CloudPatterns.ProductService.Catalog;

/// <summary>Replaces a product's details. Stock is changed through the stock endpoint, not here.</summary>
public sealed record UpdateProductRequest(
    [property: Required, StringLength(120)] string Name,
    [property: StringLength(2000)] string? Description,
    [property: Required, StringLength(60)] string Category,
    [property: Required] PriceInput Price,
    bool Active = true);
