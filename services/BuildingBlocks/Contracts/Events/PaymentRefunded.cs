namespace CloudPatterns.Contracts.Events;

/// <summary>
/// Money went back to the customer: one refund of a payment (a cancelled order's, or an admin's partial refund),
/// with what is left captured after it.
/// </summary>
[IntegrationEvent(PaymentRefunded.Topic, "cloudpatterns.payments.refunded.v1")]
public sealed record PaymentRefunded(
    Guid EventId, DateTimeOffset OccurredAt, string OrderId, string PaymentId, string RefundId, Money Amount, Money Remaining, string? CustomerId = null)
    : IIntegrationEvent, IValidatableObject
{
    public const string Topic = "payments.refunded";

    public string CorrelationId => OrderId;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => EventValidation.Of(this)
        .Id(OrderId, nameof(OrderId))
        .Id(PaymentId, nameof(PaymentId))
        .Id(RefundId, nameof(RefundId))
        .Money(Amount, nameof(Amount), min: 0.01m)
        .Money(Remaining, nameof(Remaining))
        .When(Amount?.Currency != Remaining?.Currency, nameof(Remaining), "must be in the currency of Amount")
        .Id(CustomerId, nameof(CustomerId), required: false)
        .Problems;
}
