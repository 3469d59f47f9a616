namespace CloudPatterns.Contracts.Events;

/// <summary>The intake accepted an order; the queue consumer starts its workflow.</summary>
[IntegrationEvent(OrderSubmitted.Topic, "cloudpatterns.orders.submitted.v1")]
public sealed record OrderSubmitted(
    Guid EventId, DateTimeOffset OccurredAt, string OrderId, string CustomerId, string Currency, IReadOnlyList<OrderLine> Lines)
    : IIntegrationEvent, IValidatableObject
{
    public const string Topic = "orders.submitted";

    public string CorrelationId => OrderId;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => EventValidation.Of(this)
        .Id(OrderId, nameof(OrderId))
        .Id(CustomerId, nameof(CustomerId))
        .OneOf(Currency, nameof(Currency), Currencies.Supported)
        .Lines(Lines)
        .Problems;
}
