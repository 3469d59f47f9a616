namespace CloudPatterns.Contracts;

/// <summary>A SKU an order could not get enough of.</summary>
public sealed record StockShortage(string Sku, int Requested, int Available);
