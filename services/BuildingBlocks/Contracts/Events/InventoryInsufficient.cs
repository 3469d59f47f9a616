namespace CloudPatterns.Contracts.Events;

/// <summary>At least one line could not be reserved; nothing of the order stays reserved.</summary>
[IntegrationEvent(InventoryInsufficient.Topic, "cloudpatterns.inventory.insufficient.v1")]
public sealed record InventoryInsufficient(
    Guid EventId, DateTimeOffset OccurredAt, [property: Id] string OrderId, [property: Items] IReadOnlyList<StockShortage> Shortages,
    [property: Id(Required = false)] string? CustomerId = null)
    : IIntegrationEvent
{
    public const string Topic = "inventory.insufficient";

    public string CorrelationId => OrderId;
}
