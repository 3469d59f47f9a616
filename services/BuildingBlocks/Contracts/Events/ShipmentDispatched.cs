namespace CloudPatterns.Contracts.Events;

/// <summary>A confirmed order left the warehouse.</summary>
[IntegrationEvent(ShipmentDispatched.Topic, "cloudpatterns.shipments.dispatched.v1")]
public sealed record ShipmentDispatched(
    Guid EventId, DateTimeOffset OccurredAt, string OrderId, string ShipmentId, string Carrier, string TrackingNumber, string? CustomerId = null)
    : IIntegrationEvent, IValidatableObject
{
    public const string Topic = "shipments.dispatched";

    public string CorrelationId => OrderId;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => EventValidation.Of(this)
        .Id(OrderId, nameof(OrderId))
        .Id(ShipmentId, nameof(ShipmentId))
        .Id(Carrier, nameof(Carrier))
        .Id(TrackingNumber, nameof(TrackingNumber))
        .Id(CustomerId, nameof(CustomerId), required: false)
        .Problems;
}
