namespace CloudPatterns.Testing.State;

/// <summary>One operation of a write or transaction, with Dapr's concurrency inputs.</summary>
public sealed record StateWrite(
    string Key,
    byte[]? Value,
    bool IsDelete,
    string? ETag,
    bool FirstWrite,
    IReadOnlyDictionary<string, string>? Metadata = null);
