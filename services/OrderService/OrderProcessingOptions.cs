namespace CloudPatterns.OrderService;

public sealed class OrderProcessingOptions
{
    public const string Section = "Orders";

    /// <summary>How long the workflow waits for product-service to answer about stock before rejecting the order.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan InventoryTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An unsettled order that has not moved for this long is listed as stuck (GET /admin/orders/stuck).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Customers the shop does not accept orders from (fraud holds, closed accounts).</summary>
    public List<string> BlockedCustomers { get; set; } = [];
}
