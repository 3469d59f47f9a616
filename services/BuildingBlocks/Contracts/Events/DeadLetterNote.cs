namespace CloudPatterns.Contracts.Events;

/// <summary>
/// Dapr forwards a dropped or exhausted message to the dead-letter topic unchanged, without saying why.
/// A subscriber that drops a message publishes this note alongside it, so whoever keeps the dead
/// letters can show the reason next to the message (matched by the message's CloudEvent id).
/// </summary>
[IntegrationEvent(Topics.DeadLetters, "cloudpatterns.deadletters.note.v1")]
public sealed record DeadLetterNote(
    Guid EventId, DateTimeOffset OccurredAt, [property: Id] string MessageId, [property: Id] string Topic, [property: Id] string App,
    [property: Text] string Reason)
    : IIntegrationEvent
{
    public string CorrelationId => MessageId;
}
