namespace CloudPatterns.PaymentService.Payments;

/// <summary>
/// A payment in payment-store. Status null means the charge is in flight (or was interrupted): the next
/// attempt, or a refund, asks the provider again with the same idempotency key and gets the same answer. Only the
/// provider's token and the card's last four digits are kept, never a card number.
/// </summary>
public sealed record PaymentRecord(
    string PaymentId,
    string OrderId,
    string? CustomerId,
    Money Amount,
    string Token,
    Guid OutcomeEventId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    PaymentStatus? Status = null,
    string? ProviderChargeId = null,
    string? CardLast4 = null,
    string? DeclineReason = null,
    IReadOnlyList<RefundEntry>? Refunds = null)
{
    /// <summary>The decline of a payment no charge reached, closed so that none ever will (<see cref="PaymentProcessor.CloseUnchargedAsync"/>).</summary>
    public const string NeverCharged = "no charge reached payment-service; nothing was taken";

    public bool IsSettled => Status is not null;

    /// <summary>What the provider has given back: the refunds it answered.</summary>
    public Money Refunded => (Refunds ?? []).Where(r => r.IsAnswered).Aggregate(Money.Zero(Amount.Currency), (sum, refund) => sum.Add(refund.Amount));

    /// <summary>What no refund, answered or still being asked, has claimed: the most a new refund may take.</summary>
    public decimal LeftToRefund => Amount.Amount - (Refunds ?? []).Sum(r => r.Amount.Amount);

    public RefundEntry? RefundFor(string idempotencyKey) => Refunds?.FirstOrDefault(r => r.IdempotencyKey == idempotencyKey);

    public PaymentResponse ToResponse() =>
        new(PaymentId, OrderId, Status ?? PaymentStatus.Declined, Amount, Refunded, CardLast4, DeclineReason);
}

/// <summary>
/// One refund of a payment, remembered with the Idempotency-Key it was asked with. It is written before the provider is
/// asked (RefundId null: claimed, not yet answered), so that two refunds asked at once cannot both count the same money
/// as left; the provider's answer fills in its refund id.
/// </summary>
public sealed record RefundEntry(string? RefundId, Money Amount, string Reason, string IdempotencyKey, DateTimeOffset At)
{
    public bool IsAnswered => RefundId is not null;
}

/// <summary>An order has one payment, so the payment id is derived from the order id: every retry lands on the same record.</summary>
public static class PaymentIds
{
    public static string ForOrder(string orderId) => StableIds.Hex("pay_", orderId);
}
