namespace CloudPatterns.Contracts.Events;

/// <summary>
/// What every integration event carries: a stable id (consumers deduplicate on it, because Dapr
/// delivers at least once), when it happened, and the id of the business flow it belongs to.
/// </summary>
public interface IIntegrationEvent
{
    Guid EventId { get; }

    DateTimeOffset OccurredAt { get; }

    /// <summary>The order id for order events; the upload id for image events.</summary>
    string CorrelationId { get; }
}
