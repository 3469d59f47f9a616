namespace CloudPatterns.Contracts.Payments;

public enum PaymentStatus
{
    Captured,
    Declined,
    PartiallyRefunded,
    Refunded,
}
