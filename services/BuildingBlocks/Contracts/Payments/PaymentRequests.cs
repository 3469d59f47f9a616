namespace CloudPatterns.Contracts.Payments;

/// <summary>
/// POST /payments on payment-service. The order id is the idempotency key: repeating the request returns
/// the first result and never charges twice.
/// </summary>
public sealed record ChargeRequest(string OrderId, Money Amount, PaymentMethod Method, string? CustomerId = null);

/// <summary>
/// POST /payments/{id}/refund. Amount null refunds what is left; never more than was captured. Send an
/// Idempotency-Key header so a retried refund is not paid out twice.
/// </summary>
public sealed record RefundRequest(decimal? Amount, string Reason);
