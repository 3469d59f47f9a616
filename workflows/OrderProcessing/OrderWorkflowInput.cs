using CloudPatterns.Contracts;
using CloudPatterns.Contracts.Payments;

namespace CloudPatterns.Workflows.OrderProcessing;

/// <summary>
/// Everything the workflow needs, captured when it starts. The inventory timeout travels in the input
/// rather than being read from configuration, so a replay always sees the value the run started with.
/// </summary>
public sealed record OrderWorkflowInput(
    string OrderId,
    string CustomerId,
    string Currency,
    IReadOnlyList<OrderLine> Lines,
    PaymentMethod Payment,
    TimeSpan InventoryTimeout);
