using CloudPatterns.Contracts;

namespace CloudPatterns.ProductService.Catalog;

/// <summary>What a catalog listing shows of a product.</summary>
public sealed record ProductSummary(string Sku, string Name, string Category, Money Price, bool Active);
