namespace CloudPatterns.ProductService.Inventory;

public sealed record CommitRequest(string OrderId, int Quantity);
