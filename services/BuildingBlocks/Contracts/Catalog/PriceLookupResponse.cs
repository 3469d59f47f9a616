namespace CloudPatterns.Contracts.Catalog;

/// <summary>The SKUs the catalog knows, with name, price and whether they can be sold; and the ones it does not know.</summary>
public sealed record PriceLookupResponse(IReadOnlyList<ProductPrice> Products, IReadOnlyList<string> Unknown);
