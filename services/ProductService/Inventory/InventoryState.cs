namespace CloudPatterns.ProductService.Inventory;

/// <summary>
/// The actor's stock record: on hand and the open holds, one value so that what is available is always read and written
/// whole. Closed holds are records of their own (InventoryItemActor.CloseAsync); the closed holds still in here were saved
/// before that, and are forgotten after the retention as before.
/// </summary>
public sealed record InventoryState(int OnHand, bool Initialized, ImmutableDictionary<string, StockHold> Holds)
{
    public static InventoryState Empty { get; } = new(0, false, ImmutableDictionary<string, StockHold>.Empty);

    [JsonIgnore]
    public int Reserved => Holds.Values.Where(h => h.Status == HoldStatus.Held).Sum(h => h.Quantity);

    [JsonIgnore]
    public int Available => OnHand - Reserved;

    public StockLevel ToLevel(string sku) => new(sku, OnHand, Reserved, Available);

    public InventoryState WithHold(string orderId, StockHold hold) => this with { Holds = Holds.SetItem(orderId, hold) };

    public InventoryState WithoutHold(string orderId) => this with { Holds = Holds.Remove(orderId) };

    /// <summary>Forgets closed holds older than <paramref name="retention"/>.</summary>
    public InventoryState Purge(DateTimeOffset now, TimeSpan retention)
    {
        var stale = Holds.Where(h => h.Value.ClosedAt is { } closed && now - closed > retention).Select(h => h.Key).ToList();
        return stale.Count == 0 ? this : this with { Holds = Holds.RemoveRange(stale) };
    }
}

/// <summary>
/// Stock held for one order. Closed holds (committed, released, expired) are kept for a while as
/// tombstones, so a late or duplicated message about the same order changes nothing.
/// </summary>
public sealed record StockHold(int Quantity, DateTimeOffset ExpiresAt, HoldStatus Status, DateTimeOffset? ClosedAt = null)
{
    public StockHold Close(HoldStatus status, DateTimeOffset at) => this with { Status = status, ClosedAt = at };
}

public enum HoldStatus
{
    Held,
    Committed,
    Released,
    Expired,
}
