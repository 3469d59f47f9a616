using CloudPatterns.Contracts;
using CloudPatterns.Contracts.Payments;
using CloudPatterns.PaymentService.Provider;

namespace CloudPatterns.PaymentService.Payments;

/// <summary>
/// Refunds all or part of a captured payment, never more than is left. A refund asked again with the same
/// Idempotency-Key returns the first refund instead of paying out twice.
/// </summary>
public sealed class RefundProcessor(PaymentStore store, PaymentProviderClient provider, TimeProvider time)
{
    private const int MaxAttempts = 8;

    public async Task<(RefundOutcome Outcome, PaymentRecord? Payment)> RefundAsync(
        string paymentId, RefundRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (payment, etag) = await store.GetAsync(paymentId, cancellationToken);
            if (payment is null)
            {
                return (RefundOutcome.NotFound, null);
            }

            if ((payment.Refunds ?? []).Any(r => r.IdempotencyKey == idempotencyKey))
            {
                return (RefundOutcome.Refunded, payment);
            }

            if (payment.Status is not (PaymentStatus.Captured or PaymentStatus.PartiallyRefunded))
            {
                return (RefundOutcome.NotRefundable, payment);
            }

            var left = payment.Amount.Amount - payment.Refunded.Amount;
            var amount = request.Amount ?? left;
            if (amount <= 0 || amount > left)
            {
                return (RefundOutcome.TooMuch, payment);
            }

            if (await provider.RefundAsync($"{paymentId}:{idempotencyKey}", payment.ProviderChargeId!, amount, cancellationToken) is not { } refundId)
            {
                return (RefundOutcome.TooMuch, payment);
            }

            var refund = new RefundEntry(refundId, new Money(amount, payment.Amount.Currency), request.Reason, idempotencyKey, time.GetUtcNow());
            var refunds = (payment.Refunds ?? []).Append(refund).ToList();
            var updated = payment with
            {
                Refunds = refunds,
                Status = amount == left ? PaymentStatus.Refunded : PaymentStatus.PartiallyRefunded,
                UpdatedAt = refund.At,
            };
            if (await store.TrySaveAsync(updated, etag, cancellationToken))
            {
                return (RefundOutcome.Refunded, updated);
            }

            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException($"Payment {paymentId} kept changing while refunding it.");
            }
        }
    }
}
