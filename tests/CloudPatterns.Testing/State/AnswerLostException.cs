namespace CloudPatterns.Testing.State;

/// <summary>
/// A write the store committed whose answer never reached the app (the sidecar's timeout fired first): the app sees a
/// DaprException like any failure, while everything that follows a commit (the outbox's message) goes ahead.
/// </summary>
public sealed class AnswerLostException(string message, Exception inner) : DaprException(message, inner);
