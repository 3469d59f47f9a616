namespace CloudPatterns.Gateway.Canary;

/// <summary>Canary releases by stable app id (configuration Gateway:Canary), e.g. product-service → product-service-v2 at 20 %.</summary>
public sealed class CanaryReleases : Dictionary<string, CanaryRelease>
{
    public const string Section = "Gateway:Canary";

    public CanaryReleases()
        : base(StringComparer.Ordinal)
    {
    }
}
