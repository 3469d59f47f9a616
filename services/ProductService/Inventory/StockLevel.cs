namespace CloudPatterns.ProductService.Inventory;

/// <summary>On hand counts what is in the warehouse; reserved is held for orders; available is what can still be sold.</summary>
public sealed record StockLevel(string Sku, int OnHand, int Reserved, int Available);
