namespace CloudPatterns.Contracts;

/// <summary>An order line with the name and unit price the catalog gave it when the order was validated.</summary>
public sealed record PricedOrderLine(string Sku, string Name, int Quantity, Money UnitPrice)
{
    public Money LineTotal => UnitPrice.Times(Quantity);
}
