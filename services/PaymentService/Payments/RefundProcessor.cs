namespace CloudPatterns.PaymentService.Payments;

/// <summary>What became of a refund request.</summary>
public enum RefundOutcome
{
    Refunded,
    NotFound,
    NotRefundable,
    TooMuch,

    /// <summary>The charge went unanswered longer ago than the provider keeps its key: only a person can find out what it took.</summary>
    Unreconciled,
}

/// <summary>
/// Refunds all or part of a captured payment, never more than is left. A refund asked again with the same
/// Idempotency-Key returns the first refund instead of paying out twice (and the provider is asked with a key
/// derived from it, so even a refund that was paid but not recorded is not paid again). Every refund is
/// announced on payments.refunded, with an event id derived from the refund's key. A payment whose charge went
/// unanswered is settled first (<see cref="PaymentProcessor.SettleAsync"/>), so that what it took can be given back.
/// </summary>
public sealed class RefundProcessor(
    PaymentStore store, PaymentProcessor charges, PaymentProviderClient provider, EventPublisher publisher, TimeProvider time)
{
    public async Task<(RefundOutcome Outcome, PaymentRecord? Payment)> RefundAsync(
        string paymentId, RefundRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        var (payment, _) = await store.GetAsync(paymentId, cancellationToken);
        if (payment is null)
        {
            return (RefundOutcome.NotFound, null);
        }

        if (payment.Refunds?.FirstOrDefault(r => r.IdempotencyKey == idempotencyKey) is { } repeated)
        {
            await PublishAsync(payment, repeated, cancellationToken);
            return (RefundOutcome.Refunded, payment);
        }

        if (!payment.IsSettled)
        {
            // The order's workflow gave up on an unanswered charge, which may still have taken the money: the provider
            // says what it took (or takes it now), and it is given back below, announced as refunded. A provider still
            // down answers 503. A capture is not announced as a payment (the order has failed already); a decline is:
            // it is the news that nothing was taken.
            if (await charges.SettleAsync(payment, cancellationToken) is not { } settled)
            {
                return (RefundOutcome.Unreconciled, payment);
            }

            payment = settled;
            if (payment.Status == PaymentStatus.Declined)
            {
                await charges.PublishOutcomeAsync(payment, cancellationToken);
            }
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

        var refundId = await provider.RefundAsync($"{paymentId}:{idempotencyKey}", payment.ProviderChargeId!, amount, cancellationToken);
        var refund = new RefundEntry(refundId, new Money(amount, payment.Amount.Currency), request.Reason, idempotencyKey, time.GetUtcNow());
        var recorded = await store.UpdateAsync(paymentId, current => current!.Refunds?.Any(r => r.IdempotencyKey == idempotencyKey) == true
            ? UpdateDecision<PaymentRecord>.Keep()
            : UpdateDecision<PaymentRecord>.Write(current with
            {
                Refunds = [.. current.Refunds ?? [], refund],
                Status = current.Refunded.Amount + amount >= current.Amount.Amount ? PaymentStatus.Refunded : PaymentStatus.PartiallyRefunded,
                UpdatedAt = refund.At,
            }), cancellationToken);
        payment = recorded.ValueOrThrow()!;
        await PublishAsync(payment, payment.Refunds!.First(r => r.IdempotencyKey == idempotencyKey), cancellationToken);
        return (RefundOutcome.Refunded, payment);
    }

    /// <summary>
    /// Gives back whatever the order's payment still holds: the saga's compensation. Asked again, it refunds nothing
    /// more (one key per order); an order that never captured anything has nothing to give back.
    /// </summary>
    public Task<(RefundOutcome Outcome, PaymentRecord? Payment)> RefundOrderAsync(string orderId, string reason, CancellationToken cancellationToken) =>
        RefundAsync(PaymentIds.ForOrder(orderId), new RefundRequest(null, reason), $"order:{orderId}", cancellationToken);

    private Task PublishAsync(PaymentRecord payment, RefundEntry refund, CancellationToken cancellationToken)
    {
        var remaining = new Money(payment.Amount.Amount - payment.Refunded.Amount, payment.Amount.Currency);
        return publisher.PublishAsync(new PaymentRefunded(StableIds.GuidOf(PaymentRefunded.Topic, payment.PaymentId, refund.IdempotencyKey), refund.At,
            payment.OrderId, payment.PaymentId, refund.RefundId, refund.Amount, remaining, payment.CustomerId), cancellationToken);
    }
}
