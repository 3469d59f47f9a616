namespace CloudPatterns.Contracts.Events;

/// <summary>
/// The order ended without being confirmed: <see cref="Status"/> is Rejected or PaymentFailed,
/// <see cref="Reason"/> one of <see cref="RejectionReasons"/> (for consumers to act on) and
/// <see cref="Detail"/> the words for people (the short SKUs, the decline); an out-of-stock rejection also names
/// its <see cref="Shortages"/>, so it carries the same news as inventory.insufficient. Any stock held for it is released.
/// </summary>
[IntegrationEvent(OrderRejected.Topic, "cloudpatterns.orders.rejected.v1")]
public sealed record OrderRejected(
    Guid EventId, DateTimeOffset OccurredAt, [property: Id] string OrderId, [property: Id] string CustomerId,
    [property: OneOf(nameof(OrderStatus.Rejected), nameof(OrderStatus.PaymentFailed))] OrderStatus Status, [property: Id] string Reason,
    [property: Items] IReadOnlyList<OrderLine> Lines, [property: Text(Required = false)] string? Detail = null,
    [property: Items(Required = false)] IReadOnlyList<StockShortage>? Shortages = null)
    : IIntegrationEvent
{
    public const string Topic = "orders.rejected";

    public string CorrelationId => OrderId;
}
