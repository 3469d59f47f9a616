namespace CloudPatterns.Contracts.Payments;

/// <summary>
/// POST /orders/{orderId}/payment/refund on payment-service: the order workflow's compensation gives back what
/// the order's payment captured (Amount null), once; Reason says why. Admins refund through
/// POST /payments/{paymentId}/refund with payment-service's own RefundInput.
/// </summary>
public sealed record RefundRequest(decimal? Amount, string Reason);
