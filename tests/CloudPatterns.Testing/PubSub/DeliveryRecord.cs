namespace CloudPatterns.Testing.PubSub;

/// <summary>One attempt to deliver a message to one subscriber.</summary>
public sealed record DeliveryRecord(
    string AppId,
    string Topic,
    string Route,
    PublishedMessage Message,
    int Attempt,
    DeliveryOutcome Outcome,
    int? StatusCode,
    string? Detail);
