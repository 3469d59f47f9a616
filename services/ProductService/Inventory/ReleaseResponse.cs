namespace CloudPatterns.ProductService.Inventory;

public sealed record ReleaseResponse(string OrderId, OrderReservationStatus Status);
