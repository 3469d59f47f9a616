namespace CloudPatterns.ProductService.Inventory;

/// <summary>
/// The stock of one SKU. The Dapr runtime runs one call at a time per actor id, so every method reads
/// and changes the stock without racing another order: stock is never oversold and never negative.
/// </summary>
public interface IInventoryItem : IActor
{
    Task<StockLevel> GetStockAsync();

    /// <summary>Sets the starting stock the first time only; afterwards it returns the stock unchanged.</summary>
    Task<StockLevel> InitializeAsync(int onHand);

    /// <summary>Sets the stock on hand (a recount or a delivery); refused below what is reserved.</summary>
    Task<SetStockResult> SetOnHandAsync(int onHand);

    /// <summary>Holds stock for an order until the hold expires. Idempotent per order.</summary>
    Task<ReservationResult> ReserveAsync(ReserveRequest request);

    /// <summary>Gives an order's hold back. Idempotent; releasing before reserving refuses the reservation later.</summary>
    Task<bool> ReleaseAsync(string orderId);

    /// <summary>Turns an order's hold into a permanent decrement. Idempotent per order.</summary>
    Task<CommitResult> CommitAsync(CommitRequest request);
}

/// <summary>On hand counts what is in the warehouse; reserved is held for orders; available is what can still be sold.</summary>
public sealed record StockLevel(string Sku, int OnHand, int Reserved, int Available);

public sealed record SetStockResult(bool Accepted, StockLevel Level);

public sealed record ReserveRequest(string OrderId, int Quantity, TimeSpan HoldFor);

/// <summary>The outcome of one reservation, with the stock available after it.</summary>
public sealed record ReservationResult(ReservationStatus Status, int Available);

public enum ReservationStatus
{
    Reserved,

    /// <summary>This order already holds the stock: a redelivered event.</summary>
    AlreadyReserved,

    Insufficient,

    /// <summary>The order's hold was already committed, released or expired: it cannot be reserved again.</summary>
    Closed,
}

public sealed record CommitRequest(string OrderId, int Quantity);

/// <summary>The outcome of a commit; <see cref="Shortfall"/> is how many units could not be taken.</summary>
public sealed record CommitResult(CommitStatus Status, int Shortfall);

public enum CommitStatus
{
    Committed,
    AlreadyCommitted,

    /// <summary>The hold had expired, but enough stock was still available to take.</summary>
    CommittedLate,

    /// <summary>The hold had expired and the stock was sold to someone else meanwhile.</summary>
    Shortfall,
}
