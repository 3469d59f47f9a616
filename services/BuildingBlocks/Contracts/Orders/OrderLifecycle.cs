namespace CloudPatterns.Contracts.Orders;

/// <summary>
/// The order state machine in one table: for each status, where it may go next, its rank on the forward path,
/// and the topic that announces it. The write model (which moves are allowed), the workflow (is the order
/// settled), and everyone who follows an order by its events (the read model, analytics: never let an older
/// event overwrite a newer status) read it from here.
/// </summary>
public static class OrderLifecycle
{
    private sealed record Rule(int Rank, string AnnouncedOn, params OrderStatus[] Next);

    /// <summary>The unconfirmed endings rank above everything on the forward path: nothing moves an order out of them.</summary>
    private const int EndingRank = 10;

    private static readonly Dictionary<OrderStatus, Rule> s_rules = new()
    {
        [OrderStatus.Submitted] = new(0, OrderSubmitted.Topic, OrderStatus.Validating, OrderStatus.Rejected, OrderStatus.Cancelled),
        [OrderStatus.Validating] = new(1, OrderProgressed.Topic, OrderStatus.ReservingInventory, OrderStatus.Rejected, OrderStatus.Cancelled),
        [OrderStatus.ReservingInventory] = new(2, OrderCreated.Topic, OrderStatus.ProcessingPayment, OrderStatus.Rejected, OrderStatus.Cancelled),
        [OrderStatus.ProcessingPayment] = new(3, OrderProgressed.Topic, OrderStatus.Confirmed, OrderStatus.PaymentFailed, OrderStatus.Cancelled),
        [OrderStatus.Confirmed] = new(4, OrderConfirmed.Topic, OrderStatus.Shipped),
        [OrderStatus.Shipped] = new(5, ShipmentDispatched.Topic),
        [OrderStatus.Rejected] = new(EndingRank, OrderRejected.Topic),
        [OrderStatus.PaymentFailed] = new(EndingRank, OrderRejected.Topic),
        [OrderStatus.Cancelled] = new(EndingRank, OrderCancelled.Topic),
    };

    public static int Rank(OrderStatus status) => s_rules[status].Rank;

    /// <summary>The later of two statuses: what an order is in once both events have been seen, in any order.</summary>
    public static OrderStatus Later(OrderStatus current, OrderStatus proposed) => Rank(proposed) > Rank(current) ? proposed : current;

    public static bool CanMove(OrderStatus from, OrderStatus to) => s_rules[from].Next.Contains(to);

    /// <summary>Processing is over: the order was confirmed (and may have shipped since), or it ended without that.</summary>
    public static bool IsFinal(OrderStatus status) => Rank(status) >= Rank(OrderStatus.Confirmed);

    /// <summary>A step on the way to confirmation, which the workflow takes and a requested cancellation stops.</summary>
    public static bool IsProgress(OrderStatus status) => Rank(status) > Rank(OrderStatus.Submitted) && Rank(status) <= Rank(OrderStatus.Confirmed);

    /// <summary>The order is already further along the forward path than <paramref name="step"/> (a retried workflow catching up).</summary>
    public static bool HasPassed(OrderStatus current, OrderStatus step) => IsProgress(step) && Rank(current) > Rank(step) && Rank(current) < EndingRank;

    /// <summary>The topic whose event says an order is in <paramref name="status"/>.</summary>
    public static string AnnouncedOn(OrderStatus status) => s_rules[status].AnnouncedOn;
}
