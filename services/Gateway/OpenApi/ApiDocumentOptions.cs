namespace CloudPatterns.Gateway.OpenApi;

/// <summary>How the gateway reads the services' API documents for the public one (Gateway:ApiDocuments).</summary>
public sealed class ApiDocumentOptions
{
    public const string Section = "Gateway:ApiDocuments";

    /// <summary>How long to wait for a service's document before describing its routes without it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a document read is reused: services change their API only when they are deployed.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a failed read is reused before asking again: a service that is down is not asked on every request.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(10);
}
