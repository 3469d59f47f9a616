namespace CloudPatterns.Contracts;

/// <summary>A SKU and how many of it an order wants.</summary>
public sealed record OrderLine(string Sku, int Quantity);

/// <summary>An order line with the name and unit price the catalog gave it when the order was validated.</summary>
public sealed record PricedOrderLine(string Sku, string Name, int Quantity, Money UnitPrice)
{
    public Money LineTotal => UnitPrice.Times(Quantity);
}

/// <summary>A SKU an order could not get enough of.</summary>
public sealed record StockShortage(string Sku, int Requested, int Available);
