namespace CloudPatterns.Gateway.Tests;

/// <summary>What reached an <see cref="EchoApp"/>: method, path with query, and headers (names lower-cased).</summary>
public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers);
