namespace CloudPatterns.Contracts.Orders;

/// <summary>Why an order did not reach Confirmed. Carried by <see cref="Events.OrderRejected"/>.</summary>
public static class RejectionReasons
{
    public const string Invalid = "invalid";
    public const string OutOfStock = "out-of-stock";
    public const string InventoryTimeout = "inventory-timeout";
    public const string PaymentFailed = "payment-failed";

    /// <summary>No charge attempt got an answer: the charge may have gone through, so whatever it took is refunded.</summary>
    public const string PaymentUnanswered = "payment-unanswered";
}
