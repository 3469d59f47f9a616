namespace CloudPatterns.ProductService.Inventory;

public sealed class InventoryOptions
{
    public const string Section = "Inventory";

    /// <summary>How long stock stays held for an order that is not confirmed. A reminder releases it afterwards.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan HoldTime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// True for the instance that owns stock: it hosts the InventoryItem actors and consumes the order events.
    /// A second instance under another app id (the canary, product-service-v2) sets false: it serves the same
    /// API and reaches stock through the actors the first one hosts, so stock is never split between two.
    /// </summary>
    public bool HostActors { get; set; } = true;

    public static bool HostsActors(IConfiguration configuration) => configuration.GetValue($"{Section}:{nameof(HostActors)}", true);
}
