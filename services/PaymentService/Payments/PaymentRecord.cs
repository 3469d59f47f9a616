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
    public bool IsSettled => Status is not null;

    public Money Refunded => (Refunds ?? []).Aggregate(Money.Zero(Amount.Currency), (sum, refund) => sum.Add(refund.Amount));

    public PaymentResponse ToResponse() =>
        new(PaymentId, OrderId, Status ?? PaymentStatus.Declined, Amount, Refunded, CardLast4, DeclineReason);
}

/// <summary>One refund of a payment, remembered with the Idempotency-Key it was asked with.</summary>
public sealed record RefundEntry(string RefundId, Money Amount, string Reason, string IdempotencyKey, DateTimeOffset At);

/// <summary>An order has one payment, so the payment id is derived from the order id: every retry lands on the same record.</summary>
public static class PaymentIds
{
    public static string ForOrder(string orderId) => StableIds.Hex("pay_", orderId);
}
