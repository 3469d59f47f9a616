namespace CloudPatterns.ProductService.Inventory;

/// <summary>The outcome of one reservation, with the stock available after it.</summary>
public sealed record ReservationResult(ReservationStatus Status, int Available);
