namespace CloudPatterns.OrderService.Orders;

/// <summary>The integration event each status announces, built from the order as recorded. Every status the workflow sets has one.</summary>
public static class OrderEvents
{
    public static Task PublishAsync(EventPublisher publisher, OrderRecord order, OrderStatus status, Guid eventId, DateTimeOffset at, CancellationToken cancellationToken) =>
        status switch
        {
            OrderStatus.Validating or OrderStatus.ProcessingPayment => publisher.PublishAsync(
                new OrderProgressed(eventId, at, order.OrderId, order.CustomerId, status), cancellationToken),
            OrderStatus.ReservingInventory => publisher.PublishAsync(
                new OrderCreated(eventId, at, order.OrderId, order.CustomerId, order.Lines, order.Total!), cancellationToken),
            OrderStatus.Confirmed => publisher.PublishAsync(
                new OrderConfirmed(eventId, at, order.OrderId, order.CustomerId, order.PricedLines!, order.Total!, order.PaymentId), cancellationToken),
            OrderStatus.Rejected or OrderStatus.PaymentFailed => publisher.PublishAsync(
                new OrderRejected(eventId, at, order.OrderId, order.CustomerId, status, order.StatusReason ?? RejectionReasons.Invalid, order.Lines,
                    order.StatusDetail, order.Shortages),
                cancellationToken),
            OrderStatus.Cancelled => publisher.PublishAsync(
                new OrderCancelled(eventId, at, order.OrderId, order.CustomerId, order.StatusReason ?? "cancelled", order.Lines, order.PaymentId), cancellationToken),
            _ => Task.CompletedTask,
        };
}
