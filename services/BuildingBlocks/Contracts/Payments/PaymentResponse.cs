namespace CloudPatterns.Contracts.Payments;

/// <summary>
/// payment-service's answer to a charge (200, with Captured or Declined) and to GET /payments/{id}.
/// A provider outage is not a PaymentResponse: it is 503 with Retry-After, which callers retry.
/// </summary>
public sealed record PaymentResponse(
    string PaymentId,
    string OrderId,
    PaymentStatus Status,
    Money Amount,
    Money Refunded,
    string? CardLast4,
    string? DeclineReason);

public enum PaymentStatus
{
    Captured,
    Declined,
    PartiallyRefunded,
    Refunded,
}
