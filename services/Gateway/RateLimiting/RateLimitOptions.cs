using System.ComponentModel.DataAnnotations;

namespace CloudPatterns.Gateway.RateLimiting;

/// <summary>
/// Limits per caller: one across every route (Global), and one per route family, which a route names as its
/// RateLimiterPolicy in the route table. Defaults are the guide's: orders 1000/hour, payments 100/hour.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Gateway:RateLimits";

    [Required]
    public RateLimit Global { get; set; } = new() { PermitLimit = 5000 };

    [Required]
    public Dictionary<string, RateLimit> Families { get; set; } = new(StringComparer.Ordinal);
}
