namespace CloudPatterns.Contracts;

/// <summary>A SKU and how many of it an order wants.</summary>
public sealed record OrderLine([property: Id] string Sku, [property: Between(1, EventValidation.MaxQuantity)] int Quantity);

/// <summary>An order line with the name and unit price the catalog gave it when the order was validated.</summary>
public sealed record PricedOrderLine(
    [property: Id] string Sku, [property: Text] string Name, [property: Between(1, EventValidation.MaxQuantity)] int Quantity, [property: Money] Money UnitPrice)
{
    public Money LineTotal => UnitPrice.Times(Quantity);
}

/// <summary>A SKU an order could not get enough of.</summary>
public sealed record StockShortage(
    [property: Id] string Sku, [property: Between(1, EventValidation.MaxQuantity)] int Requested, [property: Between(0, int.MaxValue)] int Available);
