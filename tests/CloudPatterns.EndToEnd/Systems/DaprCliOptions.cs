namespace CloudPatterns.EndToEnd.Systems;

/// <summary>How the real-runtime system is reached and how long it may take, from the environment.</summary>
public sealed record DaprCliOptions
{
    /// <summary>The gateway of a system already running (e.g. http://localhost:5100/): then the suite starts and stops nothing.</summary>
    public const string BaseUrlVariable = "CLOUDPATTERNS_E2E_BASE_URL";

    /// <summary>"false" to skip `dotnet build CloudPatterns.sln` before `dapr run -f .` (when the caller has just built it).</summary>
    public const string BuildVariable = "CLOUDPATTERNS_E2E_BUILD";

    /// <summary>"true" where Dapr must be there (the e2e workflow): its absence fails the scenarios instead of skipping them.</summary>
    public const string RequireDaprVariable = "CLOUDPATTERNS_E2E_REQUIRE_DAPR";

    public Uri? BaseUrl { get; init; }

    public bool RequireDapr { get; init; }

    public bool Build { get; init; } = true;

    /// <summary>From `dapr run` to every app healthy: ten apps and their sidecars start at once.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>One request through the gateway: its forwarder itself waits up to 40 s (ActivityTimeout).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public static DaprCliOptions FromEnvironment(Func<string, string?> environment) => new()
    {
        BaseUrl = environment(BaseUrlVariable) is { Length: > 0 } url ? new Uri(url.EndsWith('/') ? url : url + "/") : null,
        Build = !string.Equals(environment(BuildVariable), "false", StringComparison.OrdinalIgnoreCase),
        RequireDapr = string.Equals(environment(RequireDaprVariable), "true", StringComparison.OrdinalIgnoreCase),
    };
}
