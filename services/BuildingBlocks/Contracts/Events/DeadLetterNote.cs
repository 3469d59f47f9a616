namespace CloudPatterns.Contracts.Events;

/// <summary>
/// Dapr forwards a dropped or exhausted message to the dead-letter topic unchanged, without saying why.
/// A subscriber that drops a message publishes this note alongside it, so whoever keeps the dead
/// letters can show the reason next to the message (matched by the message's CloudEvent id).
/// </summary>
[IntegrationEvent(Topics.DeadLetters, "cloudpatterns.deadletters.note.v1")]
public sealed record DeadLetterNote(
    Guid EventId, DateTimeOffset OccurredAt, string MessageId, string Topic, string App, string Reason)
    : IIntegrationEvent, IValidatableObject
{
    public string CorrelationId => MessageId;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => EventValidation.Of(this)
        .Id(MessageId, nameof(MessageId))
        .Id(Topic, nameof(Topic))
        .Id(App, nameof(App))
        .Text(Reason, nameof(Reason))
        .Problems;
}
