namespace CloudPatterns.Contracts.Orders;

/// <summary>Where an order is. The last four are terminal: every order ends in exactly one of them.</summary>
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
}
