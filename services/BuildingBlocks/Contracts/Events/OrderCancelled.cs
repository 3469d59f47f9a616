namespace CloudPatterns.Contracts.Events;

/// <summary>
/// The order was cancelled (by the customer, or by an admin ending a stuck order) before it was confirmed: any
/// stock held for it is released, and a payment taken for it (<see cref="PaymentId"/>) is owed back until
/// payments.refunded says it is refunded.
/// </summary>
[IntegrationEvent(OrderCancelled.Topic, "cloudpatterns.orders.cancelled.v1")]
public sealed record OrderCancelled(
    Guid EventId, DateTimeOffset OccurredAt, [property: Id] string OrderId, [property: Id] string CustomerId, [property: Text] string Reason,
    [property: Items] IReadOnlyList<OrderLine> Lines, [property: Id(Required = false)] string? PaymentId = null)
    : IIntegrationEvent
{
    public const string Topic = "orders.cancelled";

    public string CorrelationId => OrderId;
}
