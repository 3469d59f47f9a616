using System.ComponentModel.DataAnnotations;

namespace CloudPatterns.ProductService.Inventory;

public sealed class InventoryOptions
{
    public const string Section = "Inventory";

    /// <summary>How long stock stays held for an order that is not confirmed. A reminder releases it afterwards.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan HoldTime { get; set; } = TimeSpan.FromMinutes(15);
}
