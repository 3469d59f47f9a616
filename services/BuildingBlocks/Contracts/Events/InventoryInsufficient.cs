namespace CloudPatterns.Contracts.Events;

/// <summary>At least one line could not be reserved; nothing of the order stays reserved.</summary>
[IntegrationEvent(InventoryInsufficient.Topic, "cloudpatterns.inventory.insufficient.v1")]
public sealed record InventoryInsufficient(
    Guid EventId, DateTimeOffset OccurredAt, string OrderId, IReadOnlyList<StockShortage> Shortages, string? CustomerId = null)
    : IIntegrationEvent, IValidatableObject
{
    public const string Topic = "inventory.insufficient";

    public string CorrelationId => OrderId;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => EventValidation.Of(this)
        .Id(OrderId, nameof(OrderId))
        .Shortages(Shortages)
        .Id(CustomerId, nameof(CustomerId), required: false)
        .Problems;
}
