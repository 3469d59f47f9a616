namespace CloudPatterns.Contracts.Events;

/// <summary>
/// The order moved to a step that has no event of its own (Validating, ProcessingPayment), so the read model
/// shows every status the write model takes, and a stuck order shows the step it is stuck in.
/// </summary>
[IntegrationEvent(OrderProgressed.Topic, "cloudpatterns.orders.progressed.v1")]
public sealed record OrderProgressed(
    Guid EventId, DateTimeOffset OccurredAt, [property: Id] string OrderId, [property: Id] string CustomerId,
    [property: OneOf(nameof(OrderStatus.Validating), nameof(OrderStatus.ProcessingPayment))] OrderStatus Status)
    : IIntegrationEvent
{
    public const string Topic = "orders.progressed";

    public string CorrelationId => OrderId;
}
