namespace CloudPatterns.NotificationService.Messages;

/// <summary>
/// What a customer is told about an order. One kind is sent at most once per order and channel, so two
/// events with the same news (inventory.insufficient and orders.rejected for out-of-stock) make one message.
/// </summary>
public enum NotificationKind
{
    OrderConfirmed,
    OutOfStock,
    PaymentFailed,
    OrderRejected,
    OrderCancelled,
    Shipped,
    Refunded,
}
