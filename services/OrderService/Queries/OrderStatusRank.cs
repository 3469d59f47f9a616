using CloudPatterns.Contracts.Orders;
using CloudPatterns.OrderService.Orders;

namespace CloudPatterns.OrderService.Queries;

/// <summary>
/// The order statuses take, so an older event never overwrites a newer status: Submitted &lt; Validating &lt;
/// ReservingInventory &lt; ProcessingPayment &lt; Confirmed &lt; Shipped, and the unconfirmed endings
/// (Rejected, PaymentFailed, Cancelled) are final.
/// </summary>
public static class OrderStatusRank
{
    public static OrderStatus Later(OrderStatus current, OrderStatus proposed) =>
        OrderTransitions.Rank(proposed) > OrderTransitions.Rank(current) ? proposed : current;
}
