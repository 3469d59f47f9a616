using System.Threading.RateLimiting;

namespace CloudPatterns.Gateway.RateLimiting;

/// <summary>A granted or refused permit; a refused one says when to retry.</summary>
public sealed class ClockedLease(bool isAcquired, TimeSpan? retryAfter) : RateLimitLease
{
    public override bool IsAcquired { get; } = isAcquired;

    public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = retryAfter;
        return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
    }
}
