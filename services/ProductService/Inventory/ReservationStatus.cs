namespace CloudPatterns.ProductService.Inventory;

public enum ReservationStatus
{
    Reserved,

    /// <summary>This order already holds the stock: a redelivered event.</summary>
    AlreadyReserved,

    Insufficient,

    /// <summary>The order's hold was already committed, released or expired: it cannot be reserved again.</summary>
    Closed,
}
