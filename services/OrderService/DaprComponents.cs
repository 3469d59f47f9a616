namespace CloudPatterns.OrderService;

/// <summary>The Dapr components this app uses. Each must exist and be scoped to order-service (checked by the configuration tests).</summary>
public static class DaprComponents
{
    public const string PubSub = Topics.PubSub;

    /// <summary>The write model. Its outbox publishes orders.submitted: only the intake writes it in a transaction.</summary>
    public const string OrderStore = "order-store";

    /// <summary>The read model: projections built from events.</summary>
    public const string OrderQueryStore = "order-query-store";

    /// <summary>Dapr Workflow's actor state store (the runtime uses it; no code reads it).</summary>
    public const string WorkflowStore = "workflow-store";
}
