namespace CloudPatterns.Contracts.Events;

/// <summary>
/// Money went back to the customer: one refund of a payment (a cancelled order's, or an admin's partial refund),
/// with what is left captured after it.
/// </summary>
[IntegrationEvent(PaymentRefunded.Topic, "cloudpatterns.payments.refunded.v1")]
public sealed record PaymentRefunded(
    Guid EventId, DateTimeOffset OccurredAt, [property: Id] string OrderId, [property: Id] string PaymentId, [property: Id] string RefundId,
    [property: Money(Positive = true)] Money Amount, [property: Money] Money Remaining, [property: Id(Required = false)] string? CustomerId = null)
    : IIntegrationEvent, IValidatableObject
{
    public const string Topic = "payments.refunded";

    public string CorrelationId => OrderId;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => Amount?.Currency == Remaining?.Currency
        ? []
        : [new ValidationResult($"{nameof(Remaining)} must be in the currency of {nameof(Amount)}", [nameof(Remaining)])];
}
