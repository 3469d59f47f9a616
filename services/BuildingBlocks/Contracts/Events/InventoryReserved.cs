namespace CloudPatterns.Contracts.Events;

/// <summary>Every line of the order is held until <see cref="HeldUntil"/>; confirming the order makes it permanent.</summary>
[IntegrationEvent(InventoryReserved.Topic, "cloudpatterns.inventory.reserved.v1")]
public sealed record InventoryReserved(
    Guid EventId, DateTimeOffset OccurredAt, string OrderId, IReadOnlyList<OrderLine> Lines, DateTimeOffset HeldUntil)
    : IIntegrationEvent, IValidatableObject
{
    public const string Topic = "inventory.reserved";

    public string CorrelationId => OrderId;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => EventValidation.Of(this)
        .Id(OrderId, nameof(OrderId))
        .Lines(Lines)
        .Time(HeldUntil, nameof(HeldUntil))
        .Problems;
}
