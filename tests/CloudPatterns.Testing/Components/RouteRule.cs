namespace CloudPatterns.Testing.Components;

/// <summary>A routing rule: deliver to <see cref="Path"/> when the CEL expression <see cref="Match"/> is true.</summary>
public sealed record RouteRule(string Match, string Path);
