namespace CloudPatterns.ProductService.Inventory;

public sealed record ReserveRequest(string OrderId, int Quantity, TimeSpan HoldFor);
