namespace CloudPatterns.Contracts.Events;

/// <summary>A validated order asks for its stock; product-service answers with <see cref="InventoryReserved"/> or <see cref="InventoryInsufficient"/>.</summary>
[IntegrationEvent(OrderCreated.Topic, "cloudpatterns.orders.created.v1")]
public sealed record OrderCreated(
    Guid EventId, DateTimeOffset OccurredAt, [property: Id] string OrderId, [property: Id] string CustomerId,
    [property: Items] IReadOnlyList<OrderLine> Lines, [property: Money] Money Total)
    : IIntegrationEvent
{
    public const string Topic = "orders.created";

    public string CorrelationId => OrderId;
}
