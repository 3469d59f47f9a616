namespace CloudPatterns.Contracts.Catalog;

/// <summary>POST /catalog/prices on product-service: the current price of each SKU, for pricing an order.</summary>
public sealed record PriceLookupRequest(IReadOnlyList<string> Skus);
