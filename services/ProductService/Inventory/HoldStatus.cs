namespace CloudPatterns.ProductService.Inventory;

public enum HoldStatus
{
    Held,
    Committed,
    Released,
    Expired,
}
