namespace CloudPatterns.PaymentService.Provider;

/// <summary>Where the payment provider is, and how patiently payment-service calls it.</summary>
public sealed class PaymentProviderOptions
{
    public const string Section = "PaymentProvider";

    [Required]
    public Uri BaseUrl { get; set; } = null!;

    /// <summary>The name of the secret (in the Dapr secret store) that holds the API key.</summary>
    [Required]
    public string ApiKeySecret { get; set; } = "payment-provider-api-key";

    /// <summary>
    /// A call is abandoned after this. There is one call per request: retrying is the caller's business (the order
    /// workflow's retry policy), so attempts never multiply across layers, and this stays below the sidecar's
    /// timeout for the call that brought the request (components/common/resiliency.yaml).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:10")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>What Retry-After says after a failed call while the breaker is still closed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The breaker opens when at least this share of calls failed in the sampling window...</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>...and the window held at least this many calls.</summary>
    [Range(2, 1000)]
    public int BreakerMinimumThroughput { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the breaker stays open before letting one probe through (half-open).</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the provider remembers an idempotency key (Stripe: 24 hours). An unanswered charge older than this is
    /// never asked again: the provider would take it for a new one and charge twice.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan IdempotencyKeyLifetime { get; set; } = TimeSpan.FromHours(24);
}
