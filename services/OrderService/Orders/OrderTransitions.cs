using CloudPatterns.Contracts.Orders;

namespace CloudPatterns.OrderService.Orders;

/// <summary>Which status may follow which. The processing order is fixed; any unfinished order may end.</summary>
public static class OrderTransitions
{
    private static readonly Dictionary<OrderStatus, OrderStatus[]> s_next = new()
    {
        [OrderStatus.Submitted] = [OrderStatus.Validating, OrderStatus.Rejected, OrderStatus.Cancelled],
        [OrderStatus.Validating] = [OrderStatus.ReservingInventory, OrderStatus.Rejected, OrderStatus.Cancelled],
        [OrderStatus.ReservingInventory] = [OrderStatus.ProcessingPayment, OrderStatus.Rejected, OrderStatus.Cancelled],
        [OrderStatus.ProcessingPayment] = [OrderStatus.Confirmed, OrderStatus.PaymentFailed, OrderStatus.Cancelled],
        [OrderStatus.Confirmed] = [OrderStatus.Shipped],
    };

    public static bool CanMove(OrderStatus from, OrderStatus to) => s_next.TryGetValue(from, out var next) && next.Contains(to);

    /// <summary>The order is already further along the forward path than <paramref name="step"/> (a retried workflow catching up).</summary>
    public static bool HasPassed(OrderStatus current, OrderStatus step) =>
        IsProgress(step) && OrderStatusRank.Of(current) > OrderStatusRank.Of(step) && current is not (OrderStatus.Rejected or OrderStatus.PaymentFailed or OrderStatus.Cancelled);

    /// <summary>Statuses that move an order forward; a requested cancellation stops them.</summary>
    public static bool IsProgress(OrderStatus status) =>
        status is OrderStatus.Validating or OrderStatus.ReservingInventory or OrderStatus.ProcessingPayment or OrderStatus.Confirmed;

    /// <summary>Processing is over: the workflow has nothing left to do.</summary>
    public static bool IsFinal(OrderStatus status) =>
        status is OrderStatus.Confirmed or OrderStatus.Rejected or OrderStatus.PaymentFailed or OrderStatus.Cancelled or OrderStatus.Shipped;
}
