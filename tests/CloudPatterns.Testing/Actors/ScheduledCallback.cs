namespace CloudPatterns.Testing.Actors;

/// <summary>A reminder or timer an actor registered, due at <see cref="DueAt"/> on the fabric's clock.</summary>
public sealed record ScheduledCallback(
    string ActorType,
    string ActorId,
    string Name,
    bool IsReminder,
    string? TimerCallback,
    byte[]? State,
    TimeSpan DueTime,
    TimeSpan Period,
    DateTimeOffset DueAt)
{
    public bool IsPeriodic => Period > TimeSpan.Zero;
}
