using CloudPatterns.Contracts.Orders;

namespace CloudPatterns.OrderService.Queries;

/// <summary>
/// The order statuses take, so an older event never overwrites a newer status: Submitted &lt; Validating &lt;
/// ReservingInventory &lt; ProcessingPayment &lt; Confirmed &lt; Shipped, and the unconfirmed endings
/// (Rejected, PaymentFailed, Cancelled) are final.
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

    public static OrderStatus Later(OrderStatus current, OrderStatus proposed) => Of(proposed) > Of(current) ? proposed : current;
}
