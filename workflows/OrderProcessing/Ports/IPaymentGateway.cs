using CloudPatterns.Contracts.Payments;

namespace CloudPatterns.Workflows.OrderProcessing.Ports;

/// <summary>
/// payment-service. A charge answers Captured or Declined; an outage throws
/// <see cref="PaymentUnavailableException"/> (worth retrying); a request payment-service refuses throws
/// <see cref="PaymentRefusedException"/> (not worth retrying).
/// </summary>
public interface IPaymentGateway
{
    Task<PaymentResponse> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken);

    Task<PaymentResponse> RefundAsync(string paymentId, RefundRequest request, string idempotencyKey, CancellationToken cancellationToken);
}
