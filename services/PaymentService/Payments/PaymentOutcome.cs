namespace CloudPatterns.PaymentService.Payments;

public enum PaymentOutcome
{
    Settled,
    AmountMismatch,
}
