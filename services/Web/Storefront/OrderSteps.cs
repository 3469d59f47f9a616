namespace CloudPatterns.Web.Storefront;

/// <summary>Where one step of the order workflow stands, as the order page shows it.</summary>
public enum StepState
{
    Waiting,
    Current,
    Done,
    Failed,

    /// <summary>Done, then undone by the saga's compensation (stock released, payment refunded).</summary>
    Compensated,

    /// <summary>Never reached: an earlier step failed.</summary>
    Skipped,

    /// <summary>Never reached: the order was cancelled.</summary>
    Cancelled,
}

public sealed record OrderStep(string Key, string Name, StepState State, string? Note = null);

/// <summary>
/// The workflow's five steps (validate, reserve, pay, confirm, ship) read from what the API tells of an order: its
/// status, the reason it ended, and whether money went back. The read model does not record how far a cancelled
/// order had come, so a cancellation marks every step not taken.
/// </summary>
public static class OrderSteps
{
    private static readonly (string Key, string Name)[] s_steps =
        [("validate", "Validate"), ("reserve", "Reserve stock"), ("pay", "Pay"), ("confirm", "Confirm"), ("ship", "Ship")];

    public static IReadOnlyList<OrderStep> Of(OrderView order)
    {
        var refunded = order.Refund is not null;
        return order.Status switch
        {
            OrderStatus.Submitted => Line(done: 0, current: null),
            OrderStatus.Validating => Line(done: 0, current: 0),
            OrderStatus.ReservingInventory => Line(done: 1, current: 1),
            OrderStatus.ProcessingPayment => Line(done: 2, current: 2),
            OrderStatus.Confirmed => Line(done: 4, current: 4, note: "waiting for the carrier"),
            OrderStatus.Shipped => Line(done: 5, current: null, note: order.Carrier is null ? null : $"{order.Carrier} {order.TrackingNumber}"),
            OrderStatus.Rejected when Reason(order).StartsWith(RejectionReasons.OutOfStock, StringComparison.Ordinal)
                || Reason(order).StartsWith(RejectionReasons.InventoryTimeout, StringComparison.Ordinal) => Failed(at: 1, order.StatusReason),
            OrderStatus.Rejected => Failed(at: 0, order.StatusReason),
            OrderStatus.PaymentFailed => Failed(at: 2, order.StatusReason, compensated: (1, "reserved, then released")),
            OrderStatus.Cancelled => [.. s_steps.Select((s, i) => new OrderStep(s.Key, s.Name, StepState.Cancelled,
                i == 2 && refunded ? $"payment {Label(order.Refund!.Value)}" : null))],
            _ => Line(done: 0, current: null),
        };

        IReadOnlyList<OrderStep> Line(int done, int? current, string? note = null) =>
            [.. s_steps.Select((s, i) => new OrderStep(s.Key, s.Name,
                i < done && i != current ? StepState.Done : i == current ? StepState.Current : StepState.Waiting,
                i == current || (current is null && i == done - 1) ? note : null))];

        IReadOnlyList<OrderStep> Failed(int at, string? reason, (int Index, string Note)? compensated = null) =>
            [.. s_steps.Select((s, i) =>
                i == compensated?.Index ? new OrderStep(s.Key, s.Name, StepState.Compensated, compensated.Value.Note)
                : i < at ? new OrderStep(s.Key, s.Name, StepState.Done)
                : i == at ? new OrderStep(s.Key, s.Name, StepState.Failed, reason)
                : new OrderStep(s.Key, s.Name, StepState.Skipped))];
    }

    /// <summary>
    /// An order the API accepted (202) that the read model has not recorded yet - it catches up from the outbox a moment
    /// later, and until then GET /api/orders/{id} answers 404. Shown as submitted, which is what the 202 said.
    /// </summary>
    public static OrderView Accepted(string orderId) =>
        new(orderId, null, OrderStatus.Submitted, null, null, [], null, null, null, null, null, DateTimeOffset.MinValue);

    /// <summary>A customer may still cancel: the workflow has not confirmed the order (order-service has the last word).</summary>
    public static bool MayCancel(OrderView order) => !OrderLifecycle.IsFinal(order.Status);

    /// <summary>Nothing more will happen to the order: it shipped or ended, and no money is still owed back.</summary>
    public static bool IsSettled(OrderView order) =>
        order.Status is OrderStatus.Shipped or OrderStatus.Rejected or OrderStatus.PaymentFailed or OrderStatus.Cancelled
        && order.Refund != RefundStatus.Pending;

    public static string Label(OrderStatus status) => status switch
    {
        OrderStatus.ReservingInventory => "Reserving stock",
        OrderStatus.ProcessingPayment => "Processing payment",
        OrderStatus.PaymentFailed => "Payment failed",
        _ => status.ToString(),
    };

    public static string Label(StepState state) => state switch
    {
        StepState.Current => "in progress",
        StepState.Compensated => "undone",
        StepState.Skipped => "not reached",
        StepState.Cancelled => "not taken: cancelled",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static string Label(RefundStatus refund) => refund switch
    {
        RefundStatus.PartiallyRefunded => "partially refunded",
        _ => refund.ToString().ToLowerInvariant(),
    };

    private static string Reason(OrderView order) => order.StatusReason ?? string.Empty;
}
