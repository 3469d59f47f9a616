using System.ComponentModel.DataAnnotations;

namespace CloudPatterns.Contracts.Events;

/// <summary>The intake accepted an order; the queue consumer starts its workflow.</summary>
[IntegrationEvent(Topics.OrdersSubmitted, "cloudpatterns.orders.submitted.v1")]
public sealed record OrderSubmitted(
    Guid EventId, DateTimeOffset OccurredAt, string OrderId, string CustomerId, string Currency, IReadOnlyList<OrderLine> Lines)
    : IIntegrationEvent, IValidatableObject
{
    public string CorrelationId => OrderId;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        EventValidation.Envelope(this)
            .Concat(EventValidation.Required(OrderId, nameof(OrderId)))
            .Concat(EventValidation.Required(CustomerId, nameof(CustomerId)))
            .Concat(Currencies.IsSupported(Currency) ? [] : [EventValidation.Problem(nameof(Currency), "is not a supported currency")])
            .Concat(EventValidation.Lines(Lines));
}
