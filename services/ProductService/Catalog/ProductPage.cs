namespace CloudPatterns.ProductService.Catalog;

/// <summary>One page of a catalog listing.</summary>
public sealed record ProductPage(IReadOnlyList<ProductSummary> Items, int Page, int PageSize, int TotalCount);
