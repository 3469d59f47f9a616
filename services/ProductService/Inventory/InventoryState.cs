using System.Collections.Immutable;
using System.Text.Json.Serialization;

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
