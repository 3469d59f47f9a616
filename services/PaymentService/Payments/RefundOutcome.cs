namespace CloudPatterns.PaymentService.Payments;

public enum RefundOutcome
{
    Refunded,
    NotFound,
    NotRefundable,
    TooMuch,
}
