namespace CloudPatterns.PaymentService.Provider;

/// <summary>The provider cannot take payments now (it failed, timed out, or the breaker is open). Try after <see cref="RetryAfter"/>.</summary>
public sealed class ProviderUnavailableException(string message, TimeSpan retryAfter, Exception? inner = null) : Exception(message, inner)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
