using System.ComponentModel.DataAnnotations;

namespace CloudPatterns.Contracts.Events;

/// <summary>The provider captured the order's payment. Only the card's last four digits ever leave payment-service.</summary>
[IntegrationEvent(Topics.PaymentsCompleted, "cloudpatterns.payments.completed.v1")]
public sealed record PaymentCompleted(
    Guid EventId, DateTimeOffset OccurredAt, string OrderId, string PaymentId, Money Amount, string CardLast4, string? CustomerId = null)
    : IIntegrationEvent, IValidatableObject
{
    public string CorrelationId => OrderId;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        EventValidation.Envelope(this)
            .Concat(EventValidation.Required(OrderId, nameof(OrderId)))
            .Concat(EventValidation.Required(PaymentId, nameof(PaymentId)))
            .Concat(EventValidation.Amount(Amount, nameof(Amount)));
}
