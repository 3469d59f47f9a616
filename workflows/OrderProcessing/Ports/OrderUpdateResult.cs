using CloudPatterns.Contracts.Orders;

namespace CloudPatterns.Workflows.OrderProcessing.Ports;

/// <summary>
/// Applied: the order is now in the requested status (it may already have been). Not applied: it is in
/// <see cref="Current"/>, or the customer asked to cancel and the order must not move forward.
/// </summary>
public sealed record OrderUpdateResult(bool Applied, OrderStatus Current, bool CancelRequested);
