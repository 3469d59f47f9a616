namespace CloudPatterns.PaymentService.Provider;

/// <summary>The provider refused a request for good (a 4xx): asking again the same way will not help. Carries its words.</summary>
public sealed class ProviderRejectedException(int statusCode, string reason)
    : Exception($"The payment provider refused the request ({statusCode}): {reason}")
{
    public int StatusCode { get; } = statusCode;

    public string Reason { get; } = reason;
}
