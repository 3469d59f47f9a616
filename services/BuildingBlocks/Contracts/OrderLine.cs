namespace CloudPatterns.Contracts;

/// <summary>A SKU and how many of it an order wants.</summary>
public sealed record OrderLine(string Sku, int Quantity);
