namespace CloudPatterns.Contracts.Catalog;

public sealed record ProductPrice(string Sku, string Name, Money Price, bool Active);
