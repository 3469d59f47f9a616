namespace CloudPatterns.Contracts.Events;

/// <summary>
/// The order ended without being confirmed: <see cref="Status"/> is Rejected or PaymentFailed,
/// <see cref="Reason"/> one of <see cref="RejectionReasons"/> (for consumers to act on) and
/// <see cref="Detail"/> the words for people (the short SKUs, the decline); an out-of-stock rejection also names
/// its <see cref="Shortages"/>, so it carries the same news as inventory.insufficient. Any stock held for it is released.
/// </summary>
[IntegrationEvent(OrderRejected.Topic, "cloudpatterns.orders.rejected.v1")]
public sealed record OrderRejected(
    Guid EventId, DateTimeOffset OccurredAt, string OrderId, string CustomerId, OrderStatus Status, string Reason, IReadOnlyList<OrderLine> Lines, string? Detail = null,
    IReadOnlyList<StockShortage>? Shortages = null)
    : IIntegrationEvent, IValidatableObject
{
    public const string Topic = "orders.rejected";

    public string CorrelationId => OrderId;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => EventValidation.Of(this)
        .Id(OrderId, nameof(OrderId))
        .Id(CustomerId, nameof(CustomerId))
        .When(Status is not (OrderStatus.Rejected or OrderStatus.PaymentFailed), nameof(Status), "must be Rejected or PaymentFailed")
        .Id(Reason, nameof(Reason))
        .Lines(Lines)
        .Text(Detail, nameof(Detail), required: false)
        .Shortages(Shortages, required: false)
        .Problems;
}
