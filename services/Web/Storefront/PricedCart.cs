namespace CloudPatterns.Web.Storefront;

/// <summary>The cart's lines with today's catalog names and prices, for showing; the order workflow prices the order again.</summary>
public sealed record PricedCart(IReadOnlyList<PricedCartLine> Lines)
{
    public Money? Total => Lines.Where(l => l.Product is not null).Select(l => l.Product!.Price.Times(l.Quantity))
        .Aggregate((Money?)null, (sum, line) => sum is null ? line : sum.Add(line));

    public string Currency => Lines.Select(l => l.Product?.Price.Currency).FirstOrDefault(c => c is not null) ?? "USD";

    public static async Task<PricedCart> PriceAsync(Cart cart, PublicApi api, CancellationToken cancellationToken)
    {
        var lines = new List<PricedCartLine>();
        foreach (var line in cart.Lines)
        {
            lines.Add(new PricedCartLine(line.Sku, line.Quantity, (await api.ProductAsync(line.Sku, cancellationToken)).Value));
        }

        return new PricedCart(lines);
    }
}

/// <summary>A cart line; <see cref="Product"/> is null when the catalog no longer has the SKU.</summary>
public sealed record PricedCartLine(string Sku, int Quantity, Product? Product);
