namespace CloudPatterns.Contracts.Events;

/// <summary>A validated order asks for its stock; product-service answers with <see cref="InventoryReserved"/> or <see cref="InventoryInsufficient"/>.</summary>
[IntegrationEvent(OrderCreated.Topic, "cloudpatterns.orders.created.v1")]
public sealed record OrderCreated(
    Guid EventId, DateTimeOffset OccurredAt, string OrderId, string CustomerId, IReadOnlyList<OrderLine> Lines, Money Total)
    : IIntegrationEvent, IValidatableObject
{
    public const string Topic = "orders.created";

    public string CorrelationId => OrderId;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => EventValidation.Of(this)
        .Id(OrderId, nameof(OrderId))
        .Id(CustomerId, nameof(CustomerId))
        .Lines(Lines)
        .Money(Total, nameof(Total))
        .Problems;
}
