namespace CloudPatterns.Workflows.OrderProcessing.Ports;

/// <summary>
/// The order's write model, owned by order-service. Applying an update moves the order to a status and
/// publishes that status's integration event; applying it again changes nothing (activities run at least once).
/// </summary>
public interface IOrderWriteModel
{
    Task<OrderUpdateResult> ApplyAsync(OrderUpdate update, CancellationToken cancellationToken);
}

/// <summary>
/// Move an order to <paramref name="Status"/>. The event id and time come from the workflow
/// (context.NewGuid, CurrentUtcDateTime), so a repeated activity republishes the same event.
/// </summary>
public sealed record OrderUpdate(
    string OrderId,
    OrderStatus Status,
    Guid EventId,
    DateTimeOffset At,
    string? Reason = null,
    IReadOnlyList<PricedOrderLine>? PricedLines = null,
    Money? Total = null,
    string? PaymentId = null,
    string? Detail = null,
    IReadOnlyList<StockShortage>? Shortages = null);

/// <summary>
/// Applied: the order is now in the requested status (it may already have been). Not applied: it is in
/// <see cref="Current"/>, or the customer asked to cancel and the order must not move forward. <see cref="Pricing"/>:
/// the prices the order was reserved and paid at, once a run has recorded them.
/// </summary>
public sealed record OrderUpdateResult(bool Applied, OrderStatus Current, bool CancelRequested, OrderPricing? Pricing = null);

/// <summary>An order's lines at the prices it was validated at, and their total.</summary>
public sealed record OrderPricing(IReadOnlyList<PricedOrderLine> Lines, Money Total);
