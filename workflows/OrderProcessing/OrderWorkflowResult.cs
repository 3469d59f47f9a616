using CloudPatterns.Contracts.Orders;

namespace CloudPatterns.Workflows.OrderProcessing;

/// <summary>The terminal state the order reached, and why.</summary>
public sealed record OrderWorkflowResult(string OrderId, OrderStatus Status, string? Reason);
