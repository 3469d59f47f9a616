namespace CloudPatterns.Sidecar.Events;

/// <summary>
/// Handles one event type. Dapr delivers at least once, possibly out of order: an implementation must
/// leave state unchanged when it sees an event again.
/// </summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : IIntegrationEvent
{
    Task<EventOutcome> HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}
