namespace CloudPatterns.Contracts.Events;

/// <summary>
/// The order was cancelled (by the customer, or by an admin ending a stuck order) before it was confirmed: any
/// stock held for it is released, and a payment taken for it (<see cref="PaymentId"/>) is owed back until
/// payments.refunded says it is refunded.
/// </summary>
[IntegrationEvent(OrderCancelled.Topic, "cloudpatterns.orders.cancelled.v1")]
public sealed record OrderCancelled(
    Guid EventId, DateTimeOffset OccurredAt, string OrderId, string CustomerId, string Reason, IReadOnlyList<OrderLine> Lines,
    string? PaymentId = null)
    : IIntegrationEvent, IValidatableObject
{
    public const string Topic = "orders.cancelled";

    public string CorrelationId => OrderId;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => EventValidation.Of(this)
        .Id(OrderId, nameof(OrderId))
        .Id(CustomerId, nameof(CustomerId))
        .Text(Reason, nameof(Reason))
        .Lines(Lines)
        .Id(PaymentId, nameof(PaymentId), required: false)
        .Problems;
}
