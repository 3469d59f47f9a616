using CloudPatterns.Contracts;

namespace CloudPatterns.PaymentService.Payments;

/// <summary>One refund of a payment, remembered with the Idempotency-Key it was asked with.</summary>
public sealed record RefundEntry(string RefundId, Money Amount, string Reason, string IdempotencyKey, DateTimeOffset At);
