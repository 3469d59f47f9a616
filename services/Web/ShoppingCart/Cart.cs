namespace CloudPatterns.Web.ShoppingCart;

/// <summary>
/// The shopping cart: SKUs and quantities only, in a cookie (<see cref="CartCookie"/>), so it survives restarts and
/// needs no store. Prices are never kept here: the catalog prices the lines when they are shown and again, in the
/// order workflow, when the order is placed, so editing the cookie changes nothing but what is asked for.
/// </summary>
public sealed partial record Cart(IReadOnlyList<CartLine> Lines)
{
    public const int MaxLines = 20;
    public const int MaxQuantity = 10;

    public static Cart Empty { get; } = new([]);

    public bool IsEmpty => Lines.Count == 0;

    public int Count => Lines.Sum(l => l.Quantity);

    public Cart Add(string sku, int quantity)
    {
        var current = Lines.FirstOrDefault(l => l.Sku == sku)?.Quantity ?? 0;
        return Set(sku, current + quantity);
    }

    /// <summary>A quantity of 0 removes the line; quantities stop at <see cref="MaxQuantity"/>, lines at <see cref="MaxLines"/>.</summary>
    public Cart Set(string sku, int quantity)
    {
        if (!IsSku(sku))
        {
            return this;
        }

        if (quantity <= 0)
        {
            return new Cart([.. Lines.Where(l => l.Sku != sku)]);
        }

        var existing = Lines.Any(l => l.Sku == sku);
        if (!existing && Lines.Count >= MaxLines)
        {
            return this;
        }

        var line = new CartLine(sku, Math.Min(quantity, MaxQuantity));
        return new Cart(existing ? [.. Lines.Select(l => l.Sku == sku ? line : l)] : [.. Lines, line]);
    }

    public static bool IsSku(string? sku) => sku is not null && SkuPattern().IsMatch(sku);

    [GeneratedRegex("^[A-Za-z0-9._-]{3,40}$")]
    private static partial Regex SkuPattern();
}

public sealed record CartLine(string Sku, int Quantity);
