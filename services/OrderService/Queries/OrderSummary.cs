namespace CloudPatterns.OrderService.Queries;

/// <summary>
/// The read model of one order, built only from events. <see cref="AppliedEvents"/> remembers which events
/// it has seen (for idempotency); status only ever moves forward (for out-of-order delivery).
/// </summary>
public sealed record OrderSummary(
    string OrderId,
    string? CustomerId,
    OrderStatus Status,
    string? StatusReason,
    IReadOnlyList<OrderLine> Lines,
    Money? Total,
    string? PaymentId,
    string? Carrier,
    string? TrackingNumber,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<Guid> AppliedEvents,
    RefundStatus? Refund = null,
    Money? Refunded = null)
{
    /// <summary>How many event ids are remembered; older duplicates are still harmless because status never moves back.</summary>
    public const int RememberedEvents = 64;

    /// <summary>Processing is not over: the order is on its way, or money is owed back to the customer.</summary>
    public bool IsUnsettled => !OrderLifecycle.IsFinal(Status) || Refund == RefundStatus.Pending;

    public static OrderSummary Empty(string orderId, DateTimeOffset at) =>
        new(orderId, null, OrderStatus.Submitted, null, [], null, null, null, null, null, at, []);
}
