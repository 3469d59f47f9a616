namespace CloudPatterns.Contracts;

/// <summary>
/// A message that landed on the dead-letter topic: the original CloudEvent's id, topic, type and data,
/// why it was dropped (when the dropping app left a note), when it was seen, and its replays.
/// </summary>
public sealed record DeadLetter(
    string MessageId,
    string? Topic,
    string? PubSubName,
    string? Type,
    string? Source,
    string? ContentType,
    string? Payload,
    string? Reason,
    string? DroppedBy,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    int Attempts,
    int Replays,
    DateTimeOffset? LastReplayedAt)
{
    /// <summary>Only the note has arrived so far; the message itself is on its way.</summary>
    public bool HasMessage => Topic is not null;
}
