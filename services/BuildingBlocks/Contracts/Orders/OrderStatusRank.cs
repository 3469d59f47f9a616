namespace CloudPatterns.Contracts.Orders;

/// <summary>
/// The order statuses take along the forward path, so whoever follows an order by its events (the read model,
/// analytics) never lets an older event overwrite a newer status: Submitted &lt; Validating &lt; ReservingInventory
/// &lt; ProcessingPayment &lt; Confirmed &lt; Shipped, and the unconfirmed endings (Rejected, PaymentFailed,
/// Cancelled) above all, as final.
/// </summary>
public static class OrderStatusRank
{
    public static int Of(OrderStatus status) => status switch
    {
        OrderStatus.Submitted => 0,
        OrderStatus.Validating => 1,
        OrderStatus.ReservingInventory => 2,
        OrderStatus.ProcessingPayment => 3,
        OrderStatus.Confirmed => 4,
        OrderStatus.Shipped => 5,
        _ => 10,
    };

    /// <summary>The later of two statuses: what an order is in once both events have been seen, in any order.</summary>
    public static OrderStatus Later(OrderStatus current, OrderStatus proposed) => Of(proposed) > Of(current) ? proposed : current;
}
