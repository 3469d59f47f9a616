namespace CloudPatterns.Gateway.Canary;

/// <summary>A second version of one app taking a share of its traffic.</summary>
public sealed class CanaryRelease
{
    /// <summary>The stable app id whose traffic is shared, e.g. product-service.</summary>
    [Required]
    public string App { get; set; } = string.Empty;

    /// <summary>The candidate's app id. Empty: no candidate is deployed, everything goes to the stable app.</summary>
    public string Candidate { get; set; } = string.Empty;

    /// <summary>Share of callers (not requests) sent to the candidate.</summary>
    [Range(0, 100)]
    public int Percent { get; set; } = 20;
}
