namespace CloudPatterns.Contracts.Events;

/// <summary>Every line of the order is held until <see cref="HeldUntil"/>; confirming the order makes it permanent.</summary>
[IntegrationEvent(InventoryReserved.Topic, "cloudpatterns.inventory.reserved.v1")]
public sealed record InventoryReserved(
    Guid EventId, DateTimeOffset OccurredAt, [property: Id] string OrderId, [property: Items] IReadOnlyList<OrderLine> Lines,
    [property: Time] DateTimeOffset HeldUntil)
    : IIntegrationEvent
{
    public const string Topic = "inventory.reserved";

    public string CorrelationId => OrderId;
}
