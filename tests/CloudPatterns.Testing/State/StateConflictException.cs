namespace CloudPatterns.Testing.State;

/// <summary>An ETag did not match, or an insert-only write found the key taken.</summary>
public sealed class StateConflictException(string message) : Exception(message);
