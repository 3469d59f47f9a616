namespace CloudPatterns.Workflows.OrderProcessing;

/// <summary>External events the order workflow waits for (names are case-insensitive in Dapr).</summary>
public static class WorkflowEvents
{
    /// <summary>product-service answered orders.created: <see cref="InventoryOutcome"/>.</summary>
    public const string Inventory = "inventory";

    /// <summary>The customer asked to cancel: <see cref="CancellationRequest"/>.</summary>
    public const string Cancel = "cancel";
}

public sealed record InventoryOutcome(bool Reserved, IReadOnlyList<StockShortage> Shortages);

public sealed record CancellationRequest(string Reason);
