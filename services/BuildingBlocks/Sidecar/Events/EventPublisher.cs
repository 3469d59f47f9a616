namespace CloudPatterns.Sidecar.Events;

/// <summary>
/// Publishes integration events through the sidecar. The CloudEvent id is the event's own id, so a
/// republished event is recognisably the same message, and the CloudEvent type is the one its record declares.
/// </summary>
public sealed class EventPublisher(DaprClient dapr)
{
    public Task PublishAsync<TEvent>(TEvent integrationEvent, CancellationToken cancellationToken = default)
        where TEvent : IIntegrationEvent
    {
        var declared = EventTypes.Of<TEvent>();
        return dapr.PublishEventAsync(Topics.PubSub, declared.Topic, integrationEvent, MetadataFor(integrationEvent, declared), cancellationToken);
    }

    /// <summary>Publish-request metadata that overrides the CloudEvent fields Dapr would otherwise generate.</summary>
    public static Dictionary<string, string> MetadataFor(IIntegrationEvent integrationEvent, IntegrationEventAttribute declared) => new()
    {
        ["cloudevent.id"] = integrationEvent.EventId.ToString(),
        ["cloudevent.type"] = declared.CloudEventType,
    };
}
