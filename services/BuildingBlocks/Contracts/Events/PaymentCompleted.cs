namespace CloudPatterns.Contracts.Events;

/// <summary>The provider captured the order's payment. Only the card's last four digits ever leave payment-service.</summary>
[IntegrationEvent(PaymentCompleted.Topic, "cloudpatterns.payments.completed.v1")]
public sealed record PaymentCompleted(
    Guid EventId, DateTimeOffset OccurredAt, string OrderId, string PaymentId, Money Amount, string? CardLast4 = null, string? CustomerId = null)
    : IIntegrationEvent, IValidatableObject
{
    public const string Topic = "payments.completed";

    public string CorrelationId => OrderId;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => EventValidation.Of(this)
        .Id(OrderId, nameof(OrderId))
        .Id(PaymentId, nameof(PaymentId))
        .Money(Amount, nameof(Amount), min: 0.01m)
        .When(CardLast4 is not null && (CardLast4.Length != 4 || !CardLast4.All(char.IsAsciiDigit)), nameof(CardLast4), "must be four digits")
        .Id(CustomerId, nameof(CustomerId), required: false)
        .Problems;
}
