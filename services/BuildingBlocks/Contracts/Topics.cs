namespace CloudPatterns.Contracts;

/// <summary>
/// The pub/sub component, and the dead-letter topic every subscription shares. Each event's own topic is declared with
/// the event (<c>OrderCreated.Topic</c>); code refers to those constants, never to literals.
/// </summary>
public static class Topics
{
    public const string PubSub = "pubsub";

    /// <summary>Every subscription names this topic as its dead-letter topic.</summary>
    public const string DeadLetters = "deadletters";
}
