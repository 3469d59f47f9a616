namespace CloudPatterns.Sidecar.Events;

/// <summary>
/// What a subscriber tells the sidecar (Dapr's pub/sub app contract): SUCCESS - done; RETRY - redeliver
/// later; DROP - never redeliver, forward to the dead-letter topic.
/// </summary>
public readonly record struct EventOutcome(EventStatus Status, string? Reason)
{
    public static EventOutcome Success { get; } = new(EventStatus.Success, null);

    public static EventOutcome Retry(string reason) => new(EventStatus.Retry, reason);

    public static EventOutcome Drop(string reason) => new(EventStatus.Drop, reason);
}
