namespace CloudPatterns.ProductService.Inventory;

/// <summary>The actor's whole state, saved as one value so each turn writes it atomically.</summary>
public sealed record InventoryState(int OnHand, bool Initialized, ImmutableDictionary<string, StockHold> Holds)
{
    public static InventoryState Empty { get; } = new(0, false, ImmutableDictionary<string, StockHold>.Empty);

    [JsonIgnore]
    public int Reserved => Holds.Values.Where(h => h.Status == HoldStatus.Held).Sum(h => h.Quantity);

    [JsonIgnore]
    public int Available => OnHand - Reserved;

    public StockLevel ToLevel(string sku) => new(sku, OnHand, Reserved, Available);

    public InventoryState WithHold(string orderId, StockHold hold) => this with { Holds = Holds.SetItem(orderId, hold) };

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
