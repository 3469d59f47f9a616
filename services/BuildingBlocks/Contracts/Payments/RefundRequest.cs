namespace CloudPatterns.Contracts.Payments;

/// <summary>
/// POST /payments/{id}/refund. Amount null refunds what is left; never more than was captured. Send an
/// Idempotency-Key header so a retried refund is not paid out twice.
/// </summary>
public sealed record RefundRequest(decimal? Amount, string Reason);
