namespace CloudPatterns.Contracts.Events;

/// <summary>A confirmed order left the warehouse.</summary>
[IntegrationEvent(ShipmentDispatched.Topic, "cloudpatterns.shipments.dispatched.v1")]
public sealed record ShipmentDispatched(
    Guid EventId, DateTimeOffset OccurredAt, [property: Id] string OrderId, [property: Id] string ShipmentId, [property: Id] string Carrier,
    [property: Id] string TrackingNumber, [property: Id(Required = false)] string? CustomerId = null)
    : IIntegrationEvent
{
    public const string Topic = "shipments.dispatched";

    public string CorrelationId => OrderId;
}
