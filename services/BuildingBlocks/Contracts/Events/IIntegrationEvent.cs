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

/// <summary>Binds an integration event record to its topic and its CloudEvent <c>type</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class IntegrationEventAttribute(string topic, string cloudEventType) : Attribute
{
    public string Topic { get; } = topic;

    public string CloudEventType { get; } = cloudEventType;
}
