namespace CloudPatterns.Gateway.Canary;

/// <summary>
/// Canary releases (configuration Gateway:Canary), a list so that an environment variable can name an entry by
/// index (Gateway__Canary__0__Candidate): a variable named after an app id would hold a dash, which POSIX shells
/// (dash, as `dapr run` starts apps through /bin/sh) drop from the environment.
/// </summary>
public sealed class CanaryReleases
{
    public const string Section = "Gateway";

    public List<CanaryRelease> Canary { get; set; } = [];

    public CanaryRelease? For(string appId) => Canary.FirstOrDefault(r => string.Equals(r.App, appId, StringComparison.Ordinal));
}
