namespace CloudPatterns.Gateway.Canary;

/// <summary>
/// The guide's service-mesh canary, in the gateway: <c>x-canary: true</c> asks for the candidate
/// (<c>false</c> for the stable version); otherwise each caller is put in a bucket 0-99 by a hash of who they
/// are, and buckets below the candidate's percentage go to it. The hash is stable across requests, restarts and
/// gateway replicas, so a user does not bounce between versions.
/// </summary>
public sealed class CanaryRouter(IOptionsMonitor<CanaryReleases> releases)
{
    public const string Header = "x-canary";

    private readonly ConcurrentDictionary<string, ServedCount> _served = new(StringComparer.Ordinal);

    public CanaryDecision Choose(string appId, HttpContext context)
    {
        if (releases.CurrentValue.For(appId) is not { } release || string.IsNullOrWhiteSpace(release.Candidate))
        {
            return new CanaryDecision(appId, null);
        }

        var asked = context.Request.Headers[Header].ToString();
        var toCandidate = asked.Equals("true", StringComparison.OrdinalIgnoreCase)
            || (!asked.Equals("false", StringComparison.OrdinalIgnoreCase) && Bucket(CallerKey.Of(context), appId) < release.Percent);
        _served.GetOrAdd(appId, _ => new ServedCount()).Add(toCandidate);
        return new CanaryDecision(toCandidate ? release.Candidate : appId, toCandidate);
    }

    /// <summary>Each configured canary with the requests this gateway replica has sent to each version since it started.</summary>
    public IReadOnlyList<CanarySplit> Splits() =>
        [.. releases.CurrentValue.Canary.Select(release =>
        {
            var served = _served.GetValueOrDefault(release.App);
            return new CanarySplit(
                release.App, string.IsNullOrWhiteSpace(release.Candidate) ? null : release.Candidate, release.Percent,
                served?.Stable ?? 0, served?.Candidate ?? 0);
        })];

    /// <summary>The caller's bucket for this app, 0 to 99.</summary>
    public static int Bucket(string callerKey, string appId) =>
        (int)(BinaryPrimitives.ReadUInt32LittleEndian(StableIds.Hash(appId, callerKey)) % 100);
}

/// <summary>Where one request goes: the app id, and whether that is a canary candidate (null: the app has no canary).</summary>
public readonly record struct CanaryDecision(string AppId, bool? IsCandidate);

internal sealed class ServedCount
{
    private long _stable;
    private long _candidate;

    public long Stable => Interlocked.Read(ref _stable);

    public long Candidate => Interlocked.Read(ref _candidate);

    public void Add(bool toCandidate)
    {
        if (toCandidate)
        {
            Interlocked.Increment(ref _candidate);
        }
        else
        {
            Interlocked.Increment(ref _stable);
        }
    }
}
