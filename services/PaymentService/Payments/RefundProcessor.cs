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

    /// <summary>This refund was asked of the provider longer ago than it keeps its key, and never answered: only a person can find out whether it was paid.</summary>
    RefundUnreconciled,
}

/// <summary>
/// Refunds all or part of a captured payment, never more than is left, even when refunds are asked at once (each claims its
/// amount in the record before the provider is asked). A refund asked again with the same
/// Idempotency-Key returns the first refund instead of paying out twice (and the provider is asked with a key
/// derived from it, so even a refund that was paid but not recorded is not paid again). Every refund is
/// announced on payments.refunded, with an event id derived from the refund's key. A payment whose charge went
/// unanswered is settled first (<see cref="PaymentProcessor.SettleAsync"/>), so that what it took can be given back.
/// </summary>
public sealed partial class RefundProcessor(
    PaymentStore store, PaymentProcessor charges, PaymentProviderClient provider, EventPublisher publisher, TimeProvider time,
    IOptions<PaymentProviderOptions> options, ILogger<RefundProcessor> logger)
{
    public async Task<(RefundOutcome Outcome, PaymentRecord? Payment)> RefundAsync(
        string paymentId, RefundRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        var (payment, _) = await store.GetAsync(paymentId, cancellationToken);
        if (payment is null)
        {
            return (RefundOutcome.NotFound, null);
        }

        if (payment.RefundFor(idempotencyKey) is { IsAnswered: true } repeated)
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

        payment = await FinishUnansweredAsync(payment, idempotencyKey, cancellationToken);
        var claimed = await store.UpdateAsync(paymentId, current => Claim(current!, request, idempotencyKey), cancellationToken);
        if (claimed.Outcome == UpdateOutcome.Refused)
        {
            return claimed.Reason == AnotherRefundAsked
                ? throw new ProviderUnavailableException("Another refund of this payment is with the payment provider; try again.", options.Value.RetryAfter)
                : (RefundOutcome.TooMuch, claimed.Value);
        }

        payment = claimed.ValueOrThrow()!;
        if (payment.RefundFor(idempotencyKey) is { IsAnswered: false } claim)
        {
            if (TooLateToAsk(payment, claim))
            {
                return (RefundOutcome.RefundUnreconciled, payment);
            }

            payment = await AskProviderAsync(payment, claim, cancellationToken);
        }

        await PublishAsync(payment, payment.RefundFor(idempotencyKey)!, cancellationToken);
        return (RefundOutcome.Refunded, payment);
    }

    /// <summary>
    /// Finishes the refunds asked before under other keys and left unanswered (the provider failed, or did not answer),
    /// each with its own key, before this one claims what is left: what they claimed goes back (and is announced), or
    /// is left again when the provider refuses it. So a refund nobody asks again never holds its amount for good, and the
    /// order's compensation, which gives back everything left, finishes them all. A provider still unavailable answers 503.
    /// </summary>
    private async Task<PaymentRecord> FinishUnansweredAsync(PaymentRecord payment, string idempotencyKey, CancellationToken cancellationToken)
    {
        foreach (var unanswered in (payment.Refunds ?? []).Where(r => !r.IsAnswered && r.IdempotencyKey != idempotencyKey).ToList())
        {
            if (TooLateToAsk(payment, unanswered))
            {
                continue;
            }

            try
            {
                payment = await AskProviderAsync(payment, unanswered, cancellationToken);
                await PublishAsync(payment, payment.RefundFor(unanswered.IdempotencyKey)!, cancellationToken);
            }
            catch (ProviderRejectedException)
            {
                // Refused for good: AskProviderAsync gave its claim up, and its amount is left again (the claim reads it fresh).
            }
        }

        return payment;
    }

    /// <summary>
    /// A claim asked of the provider longer ago than it keeps its idempotency key (<see cref="PaymentProviderOptions.IdempotencyKeyLifetime"/>)
    /// is not asked again: the provider would take the key for a new refund and could pay it twice. It stays claimed,
    /// its amount held, for a person to reconcile; the log says which.
    /// </summary>
    private bool TooLateToAsk(PaymentRecord payment, RefundEntry claim)
    {
        if (!IsTooOldToAsk(claim))
        {
            return false;
        }

        LogRefundUnreconciled(logger, claim.IdempotencyKey, payment.PaymentId, claim.Amount.Amount, claim.Amount.Currency);
        return true;
    }

    /// <summary>Older than the provider keeps its key, less the one call's timeout, so the key is still known when the call arrives.</summary>
    private bool IsTooOldToAsk(RefundEntry claim) =>
        time.GetUtcNow() - claim.At > options.Value.IdempotencyKeyLifetime - options.Value.AttemptTimeout;

    private const string AnotherRefundAsked = "another refund of this payment is with the provider";

    /// <summary>
    /// Takes the amount out of what is left before the provider is asked, over the record's ETag: of two refunds asked at
    /// once, the second sees the first one's claim, and never asks the provider for money it has already been asked to give
    /// back. A refund asked before with the same key keeps its first claim (and its amount).
    /// </summary>
    private UpdateDecision<PaymentRecord> Claim(PaymentRecord current, RefundRequest request, string idempotencyKey)
    {
        if (current.RefundFor(idempotencyKey) is not null)
        {
            return UpdateDecision<PaymentRecord>.Keep();
        }

        // One claimed since this request finished the others (another refund asked meanwhile): what it takes is not known
        // yet, so "what is left" is not either. The order's compensation, refunding all that is left, would end too soon.
        if (current.Refunds?.Any(r => !r.IsAnswered && !IsTooOldToAsk(r)) == true)
        {
            return UpdateDecision<PaymentRecord>.Refuse(AnotherRefundAsked);
        }

        var amount = request.Amount ?? current.LeftToRefund;
        if (amount <= 0 || amount > current.LeftToRefund)
        {
            return UpdateDecision<PaymentRecord>.Refuse("more than is left to refund");
        }

        var now = time.GetUtcNow();
        var claim = new RefundEntry(null, new Money(amount, current.Amount.Currency), request.Reason, idempotencyKey, now);
        return UpdateDecision<PaymentRecord>.Write(current with { Refunds = [.. current.Refunds ?? [], claim], UpdatedAt = now });
    }

    /// <summary>
    /// Asks the provider for a claimed refund, with a key derived from the refund's own, and records its answer. A refusal
    /// gives the claim up, so its amount is left again; a provider that did not answer leaves the claim, and the refund
    /// asked again with its key finishes it (the provider answers a key it has seen with the refund it made).
    /// </summary>
    private async Task<PaymentRecord> AskProviderAsync(PaymentRecord payment, RefundEntry claim, CancellationToken cancellationToken)
    {
        string refundId;
        try
        {
            refundId = await provider.RefundAsync($"{payment.PaymentId}:{claim.IdempotencyKey}", payment.ProviderChargeId!, claim.Amount.Amount, cancellationToken);
        }
        catch (ProviderRejectedException)
        {
            (await store.UpdateAsync(payment.PaymentId, current => current!.RefundFor(claim.IdempotencyKey) is { IsAnswered: false } given
                ? UpdateDecision<PaymentRecord>.Write(current with { Refunds = [.. current.Refunds!.Where(r => r != given)] })
                : UpdateDecision<PaymentRecord>.Keep(), cancellationToken)).ValueOrThrow();
            throw;
        }

        var answered = claim with { RefundId = refundId };
        var recorded = await store.UpdateAsync(payment.PaymentId, current =>
        {
            if (current!.RefundFor(claim.IdempotencyKey) is { IsAnswered: true })
            {
                return UpdateDecision<PaymentRecord>.Keep();
            }

            var refunded = current with { Refunds = [.. (current.Refunds ?? []).Where(r => r.IdempotencyKey != claim.IdempotencyKey), answered] };
            return UpdateDecision<PaymentRecord>.Write(refunded with
            {
                Status = refunded.Refunded.Amount >= refunded.Amount.Amount ? PaymentStatus.Refunded : PaymentStatus.PartiallyRefunded,
                UpdatedAt = time.GetUtcNow(),
            });
        }, cancellationToken);
        return recorded.ValueOrThrow()!;
    }

    /// <summary>
    /// Gives back whatever the order's payment still holds: the saga's compensation. Asked again, it refunds nothing
    /// more (one key per order); an order that never captured anything has nothing to give back. Given the total an
    /// unanswered charge asked for, a payment no charge reached is first closed as never taken
    /// (<see cref="PaymentProcessor.CloseUnchargedAsync"/>).
    /// </summary>
    public async Task<(RefundOutcome Outcome, PaymentRecord? Payment)> RefundOrderAsync(
        string orderId, string reason, Money? orderTotal, CancellationToken cancellationToken)
    {
        if (orderTotal is not null)
        {
            await charges.CloseUnchargedAsync(orderId, orderTotal, cancellationToken);
        }

        return await RefundAsync(PaymentIds.ForOrder(orderId), new RefundRequest(null, reason), $"order:{orderId}", cancellationToken);
    }

    /// <summary>payments.refunded for a refund the provider answered.</summary>
    private Task PublishAsync(PaymentRecord payment, RefundEntry refund, CancellationToken cancellationToken)
    {
        var remaining = new Money(payment.Amount.Amount - payment.Refunded.Amount, payment.Amount.Currency);
        return publisher.PublishAsync(new PaymentRefunded(StableIds.GuidOf(PaymentRefunded.Topic, payment.PaymentId, refund.IdempotencyKey), refund.At,
            payment.OrderId, payment.PaymentId, refund.RefundId!, refund.Amount, remaining, payment.CustomerId), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refund {IdempotencyKey} of payment {PaymentId} ({Amount} {Currency}) was asked of the provider longer ago than it keeps its idempotency key and never answered; not asked again, to be reconciled by hand")]
    private static partial void LogRefundUnreconciled(ILogger logger, string idempotencyKey, string paymentId, decimal amount, string currency);
}
