namespace CloudPatterns.Contracts.Events;

/// <summary>The payment was declined or could not be taken; <see cref="Reason"/> says which.</summary>
[IntegrationEvent(PaymentFailed.Topic, "cloudpatterns.payments.failed.v1")]
public sealed record PaymentFailed(
    Guid EventId, DateTimeOffset OccurredAt, string OrderId, string PaymentId, Money Amount, string Reason, string? CustomerId = null)
    : IIntegrationEvent, IValidatableObject
{
    public const string Topic = "payments.failed";

    public string CorrelationId => OrderId;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => EventValidation.Of(this)
        .Id(OrderId, nameof(OrderId))
        .Id(PaymentId, nameof(PaymentId))
        .Money(Amount, nameof(Amount), min: 0.01m)
        .Text(Reason, nameof(Reason))
        .Id(CustomerId, nameof(CustomerId), required: false)
        .Problems;
}
