using System.ComponentModel.DataAnnotations;

namespace CloudPatterns.Contracts.Events;

/// <summary>The customer cancelled before the order completed; any stock held for it is released.</summary>
[IntegrationEvent(Topics.OrdersCancelled, "cloudpatterns.orders.cancelled.v1")]
public sealed record OrderCancelled(
    Guid EventId, DateTimeOffset OccurredAt, string OrderId, string CustomerId, string Reason, IReadOnlyList<OrderLine> Lines)
    : IIntegrationEvent, IValidatableObject
{
    public string CorrelationId => OrderId;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        EventValidation.Envelope(this).Concat(EventValidation.Required(OrderId, nameof(OrderId)));
}
