namespace CloudPatterns.Gateway.RateLimiting;

/// <summary>
/// Limits per caller: one across every route (Global), and one per route family, which a route names in its
/// metadata (RateLimit) in the route table. Defaults are the guide's: orders 1000/hour, payments 100/hour.
/// Every gateway replica draws on one budget per caller, kept in gateway-store (see <see cref="SharedBudgets"/>).
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Gateway:RateLimits";

    [Required]
    public RateLimit Global { get; set; } = new() { PermitLimit = 5000 };

    [Required]
    public Dictionary<string, RateLimit> Families { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The most permits a replica takes from a caller's shared budget in one store write (never more than a quarter
    /// of what is left), unless <see cref="LeasePercent"/> of the limit is more. Larger: fewer store calls; smaller:
    /// fewer permits stranded on other replicas.
    /// </summary>
    [Range(1, 1000)]
    public int LeaseSize { get; set; } = 10;

    /// <summary>
    /// A lease may also take this share of the limit, in percent, where that is more than <see cref="LeaseSize"/>: the
    /// global 5000 an hour is leased 50 at a time, so a busy caller costs the store a fifth of the calls, while no
    /// replica holds more than 1 % of a large budget.
    /// </summary>
    [Range(0, 25)]
    public int LeasePercent { get; set; } = 1;

    /// <summary>The most permits one lease takes from a window of <paramref name="limit"/> (a quarter of what is left caps it further).</summary>
    public int SliceOf(RateLimit limit) => Math.Max(LeaseSize, (int)((long)limit.PermitLimit * LeasePercent / 100));

    /// <summary>After the store fails, how long each replica counts on its own before it asks the store again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan StoreRetryInterval { get; set; } = TimeSpan.FromSeconds(30);
}
