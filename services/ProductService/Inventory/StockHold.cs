namespace CloudPatterns.ProductService.Inventory;

/// <summary>
/// Stock held for one order. Closed holds (committed, released, expired) are kept for a while as
/// tombstones, so a late or duplicated message about the same order changes nothing.
/// </summary>
public sealed record StockHold(int Quantity, DateTimeOffset ExpiresAt, HoldStatus Status, DateTimeOffset? ClosedAt = null)
{
    public StockHold Close(HoldStatus status, DateTimeOffset at) => this with { Status = status, ClosedAt = at };
}
