namespace CloudPatterns.Security;

/// <summary>Endpoint metadata: the app ids allowed to call an internal endpoint.</summary>
public sealed record CallerAllowList(IReadOnlyList<string> AppIds, bool OrAdmin)
{
    public bool Admits(string? callerAppId) => callerAppId is { Length: > 0 } && AppIds.Contains(callerAppId, StringComparer.Ordinal);
}
