namespace CloudPatterns.Workflows.OrderProcessing.Ports;

/// <summary>
/// payment-service. A charge answers Captured or Declined; an outage throws
/// <see cref="PaymentUnavailableException"/> (worth retrying); a request payment-service refuses throws
/// <see cref="PaymentRefusedException"/> (not worth retrying).
/// </summary>
public interface IPaymentGateway
{
    Task<PaymentResponse> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Refunds what remains captured of the order's payment, once however often it is asked. True when money went
    /// (or had already gone) back; false when the order has no captured payment to refund.
    /// </summary>
    Task<bool> RefundOrderAsync(string orderId, string reason, Money? orderTotal, CancellationToken cancellationToken);
}

/// <summary>payment-service or its provider cannot take the payment right now (503, timeout, no answer). Retry.</summary>
public sealed class PaymentUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>payment-service refused the request itself (4xx other than a decline). Retrying would not help.</summary>
public sealed class PaymentRefusedException(string message) : Exception(message);
