namespace CloudPatterns.Contracts.Events;

/// <summary>The intake accepted an order; the queue consumer starts its workflow.</summary>
[IntegrationEvent(OrderSubmitted.Topic, "cloudpatterns.orders.submitted.v1")]
public sealed record OrderSubmitted(
    Guid EventId, DateTimeOffset OccurredAt, [property: Id] string OrderId, [property: Id] string CustomerId, [property: Currency] string Currency,
    [property: Items] IReadOnlyList<OrderLine> Lines)
    : IIntegrationEvent
{
    public const string Topic = "orders.submitted";

    public string CorrelationId => OrderId;
}
