namespace CloudPatterns.PaymentService.Payments;

/// <summary>
/// The answer to a charge: settled (captured or declined), refused because the order was paid with another amount, or
/// left for a person because its first attempt went unanswered longer ago than the provider remembers it.
/// </summary>
public enum ChargeOutcome
{
    Settled,
    AmountMismatch,
    Unreconciled,
}

/// <summary>
/// Takes a payment exactly once per order. The first request records the payment (insert-only) and asks
/// the provider with the payment id as idempotency key; any racing or repeated request finds the record and
/// either returns its result or asks the provider with the same key, which answers with the same charge.
/// Our ETags keep one record; the provider's idempotency keeps one charge.
/// </summary>
public sealed partial class PaymentProcessor(
    PaymentStore store, PaymentProviderClient provider, EventPublisher publisher, TimeProvider time, IOptions<PaymentProviderOptions> options,
    ILogger<PaymentProcessor> logger)
{
    public async Task<(ChargeOutcome Outcome, PaymentRecord Payment)> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        var paymentId = PaymentIds.ForOrder(request.OrderId);
        var recorded = await store.UpdateAsync(paymentId, current => current is null
            ? UpdateDecision<PaymentRecord>.Write(New(paymentId, request))
            : UpdateDecision<PaymentRecord>.Keep(), cancellationToken);
        var payment = recorded.ValueOrThrow()!;
        if (payment.Amount != request.Amount)
        {
            return (ChargeOutcome.AmountMismatch, payment);
        }

        if (await SettleAsync(payment, cancellationToken) is not { } settled)
        {
            return (ChargeOutcome.Unreconciled, payment);
        }

        payment = settled;

        // Published after every settled answer, with the same event id, so a crash before publishing is repaired by a retry.
        await PublishOutcomeAsync(payment, cancellationToken);
        return (ChargeOutcome.Settled, payment);
    }

    /// <summary>
    /// Makes sure the payment's charge is answered and recorded. Unanswered (in flight, or interrupted by a provider
    /// outage or an impatient caller), it asks the provider again with the payment id as idempotency key: the provider
    /// answers a key it has seen with the charge it made, and makes the charge otherwise. Null, asking nothing, when the
    /// first attempt is older than the provider keeps its keys (<see cref="PaymentProviderOptions.IdempotencyKeyLifetime"/>):
    /// asked again, it would charge a second time, so a person reconciles it.
    /// </summary>
    public async Task<PaymentRecord?> SettleAsync(PaymentRecord payment, CancellationToken cancellationToken)
    {
        if (payment.IsSettled)
        {
            return payment;
        }

        // Less the call's own timeout: the key must still be known when the call arrives.
        if (time.GetUtcNow() - payment.CreatedAt > options.Value.IdempotencyKeyLifetime - options.Value.AttemptTimeout)
        {
            LogUnreconciled(logger, payment.PaymentId, payment.OrderId);
            return null;
        }

        var result = await provider.ChargeAsync(payment.PaymentId, payment.Amount.Amount, payment.Amount.Currency, payment.Token, payment.OrderId, cancellationToken);
        var settled = (await store.UpdateAsync(payment.PaymentId, current => current is { IsSettled: false }
            ? UpdateDecision<PaymentRecord>.Write(current with
            {
                Status = result.Captured ? PaymentStatus.Captured : PaymentStatus.Declined,
                ProviderChargeId = result.ChargeId,
                CardLast4 = result.CardLast4,
                DeclineReason = result.DeclineCode,
                UpdatedAt = time.GetUtcNow(),
            })
            : UpdateDecision<PaymentRecord>.Keep(), cancellationToken)).ValueOrThrow()!;
        LogSettled(logger, settled.PaymentId, settled.OrderId, settled.Status!.Value);
        return settled;
    }

    /// <summary>
    /// Closes the payment of an order whose charges all went unanswered and none of which reached payment-service (there
    /// is no record): a declined record takes its place, announced on payments.failed, the news that nothing was taken.
    /// A charge still on its way then finds it and takes nothing. A payment on record is left as it is.
    /// </summary>
    public async Task CloseUnchargedAsync(string orderId, Money orderTotal, CancellationToken cancellationToken)
    {
        var paymentId = PaymentIds.ForOrder(orderId);
        var now = time.GetUtcNow();
        var closed = new PaymentRecord(paymentId, orderId, null, orderTotal, Token: string.Empty, Guid.NewGuid(), now, now,
            PaymentStatus.Declined, DeclineReason: PaymentRecord.NeverCharged);
        var payment = (await store.UpdateAsync(paymentId, current => current is null
            ? UpdateDecision<PaymentRecord>.Write(closed)
            : UpdateDecision<PaymentRecord>.Keep(), cancellationToken)).ValueOrThrow()!;
        if (payment.DeclineReason == PaymentRecord.NeverCharged)
        {
            await PublishOutcomeAsync(payment, cancellationToken);
        }
    }

    private PaymentRecord New(string paymentId, ChargeRequest request)
    {
        var now = time.GetUtcNow();
        return new PaymentRecord(paymentId, request.OrderId, request.CustomerId, request.Amount, request.Method.Token, Guid.NewGuid(), now, now);
    }

    /// <summary>payments.completed or payments.failed for a settled payment, always with its outcome's event id.</summary>
    public Task PublishOutcomeAsync(PaymentRecord payment, CancellationToken cancellationToken) => payment.Status == PaymentStatus.Declined
        ? publisher.PublishAsync(new PaymentFailed(payment.OutcomeEventId, payment.UpdatedAt, payment.OrderId, payment.PaymentId, payment.Amount,
            payment.DeclineReason ?? "declined", payment.CustomerId), cancellationToken)
        : publisher.PublishAsync(new PaymentCompleted(payment.OutcomeEventId, payment.UpdatedAt, payment.OrderId, payment.PaymentId, payment.Amount,
            payment.CardLast4, payment.CustomerId), cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment {PaymentId} for order {OrderId} went unanswered longer ago than the provider keeps its idempotency key; not asked again, to be reconciled by hand")]
    private static partial void LogUnreconciled(ILogger logger, string paymentId, string orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment {PaymentId} for order {OrderId}: {Status}")]
    private static partial void LogSettled(ILogger logger, string paymentId, string orderId, PaymentStatus status);
}
