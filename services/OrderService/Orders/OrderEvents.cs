using CloudPatterns.Contracts.Events;
using CloudPatterns.Contracts.Orders;
using CloudPatterns.ServiceDefaults.Events;

namespace CloudPatterns.OrderService.Orders;

/// <summary>The integration event each status announces, built from the order as recorded.</summary>
public static class OrderEvents
{
    public static Task PublishAsync(EventPublisher publisher, OrderRecord order, Guid eventId, DateTimeOffset at, CancellationToken cancellationToken) =>
        order.Status switch
        {
            OrderStatus.ReservingInventory => publisher.PublishAsync(
                new OrderCreated(eventId, at, order.OrderId, order.CustomerId, order.Lines, order.Total!), cancellationToken),
            OrderStatus.Confirmed => publisher.PublishAsync(
                new OrderConfirmed(eventId, at, order.OrderId, order.CustomerId, order.PricedLines!, order.Total!, order.PaymentId), cancellationToken),
            OrderStatus.Rejected or OrderStatus.PaymentFailed => publisher.PublishAsync(
                new OrderRejected(eventId, at, order.OrderId, order.CustomerId, order.Status, order.StatusReason ?? RejectionReasons.Invalid, order.Lines,
                    order.StatusDetail, order.Shortages),
                cancellationToken),
            OrderStatus.Cancelled => publisher.PublishAsync(
                new OrderCancelled(eventId, at, order.OrderId, order.CustomerId, order.StatusReason ?? "cancelled", order.Lines), cancellationToken),
            _ => Task.CompletedTask,
        };
}
