namespace CloudPatterns.Contracts.Events;

/// <summary>Paid and reserved: the reservation becomes a permanent decrement and the order can ship.</summary>
[IntegrationEvent(OrderConfirmed.Topic, "cloudpatterns.orders.confirmed.v1")]
public sealed record OrderConfirmed(
    Guid EventId, DateTimeOffset OccurredAt, [property: Id] string OrderId, [property: Id] string CustomerId,
    [property: Items] IReadOnlyList<PricedOrderLine> Lines, [property: Money] Money Total, [property: Id(Required = false)] string? PaymentId = null)
    : IIntegrationEvent
{
    public const string Topic = "orders.confirmed";

    public string CorrelationId => OrderId;
}
