using Dapr.Actors;

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
