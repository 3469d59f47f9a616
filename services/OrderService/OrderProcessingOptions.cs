using System.ComponentModel.DataAnnotations;

namespace CloudPatterns.OrderService;

public sealed class OrderProcessingOptions
{
    public const string Section = "Orders";

    /// <summary>How long the workflow waits for product-service to answer about stock before rejecting the order.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan InventoryTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Customers the shop does not accept orders from (fraud holds, closed accounts).</summary>
    public List<string> BlockedCustomers { get; set; } = [];
}
