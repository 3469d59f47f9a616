namespace CloudPatterns.Contracts.Orders;

/// <summary>
/// Where an order is. Processing ends in exactly one of Confirmed, Rejected, PaymentFailed or Cancelled;
/// a confirmed order later becomes Shipped when its shipment leaves.
/// </summary>
public enum OrderStatus
{
    Submitted,
    Validating,
    ReservingInventory,
    ProcessingPayment,
    Confirmed,
    Rejected,
    PaymentFailed,
    Cancelled,
    Shipped,
}

/// <summary>Whether money taken for an order is owed back (Pending) or has gone back (Refunded, PartiallyRefunded).</summary>
public enum RefundStatus
{
    Pending,
    PartiallyRefunded,
    Refunded,
}
