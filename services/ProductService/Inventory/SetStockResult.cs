namespace CloudPatterns.ProductService.Inventory;

public sealed record SetStockResult(bool Accepted, StockLevel Level);
