namespace CloudPatterns.Gateway.Canary;

/// <summary>Where one request goes: the app id, and whether that is a canary candidate (null: the app has no canary).</summary>
public readonly record struct CanaryDecision(string AppId, bool? IsCandidate);
