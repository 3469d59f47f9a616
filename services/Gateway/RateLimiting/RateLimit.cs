namespace CloudPatterns.Gateway.RateLimiting;

/// <summary>So many requests per window, per caller.</summary>
public sealed class RateLimit
{
    [Range(1, 10_000_000)]
    public int PermitLimit { get; set; } = 1000;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
}
