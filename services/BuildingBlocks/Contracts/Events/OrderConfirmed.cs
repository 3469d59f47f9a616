namespace CloudPatterns.Contracts.Events;

/// <summary>Paid and reserved: the reservation becomes a permanent decrement and the order can ship.</summary>
[IntegrationEvent(OrderConfirmed.Topic, "cloudpatterns.orders.confirmed.v1")]
public sealed record OrderConfirmed(
    Guid EventId, DateTimeOffset OccurredAt, string OrderId, string CustomerId, IReadOnlyList<PricedOrderLine> Lines, Money Total, string? PaymentId = null)
    : IIntegrationEvent, IValidatableObject
{
    public const string Topic = "orders.confirmed";

    public string CorrelationId => OrderId;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => EventValidation.Of(this)
        .Id(OrderId, nameof(OrderId))
        .Id(CustomerId, nameof(CustomerId))
        .PricedLines(Lines)
        .Money(Total, nameof(Total))
        .Id(PaymentId, nameof(PaymentId), required: false)
        .Problems;
}
