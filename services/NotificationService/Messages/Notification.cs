namespace CloudPatterns.NotificationService.Messages;

/// <summary>
/// A message for a customer about an order, and the event that caused it. Some events name no customer
/// (their customer id is optional in the contract): then there is nobody to tell.
/// </summary>
public sealed record Notification(string OrderId, string? CustomerId, NotificationKind Kind, Message Message, Guid SourceEventId);

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

/// <summary>One notification's words: a subject and body for email, a short text for SMS.</summary>
public sealed record Message(string Subject, string Body, string ShortText);
