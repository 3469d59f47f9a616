namespace CloudPatterns.Testing.Resiliency;

/// <summary>
/// A retry policy of a Dapr Resiliency resource. Attempts follow each other without the policy's back-off delay
/// (the fabric does not wait); what is reproduced is how many there are and which failures are retried.
/// </summary>
/// <remarks>
/// daprd 1.18 reads maxRetries with dapr/kit's default of -1, retrying for ever when it is omitted
/// (https://github.com/dapr/dapr/blob/v1.18.3/pkg/resiliency/resiliency.go#L443); the fabric stops at
/// <see cref="UnboundedCap"/> attempts so a test cannot hang. Status codes are matched only for a failure that
/// carries one, and with no <c>matching</c> every code is retried
/// (https://github.com/dapr/dapr/blob/v1.18.3/pkg/resiliency/retry.go#L93-L151).
/// </remarks>
public sealed record RetryPolicy(string Name, int MaxRetries, IReadOnlyList<(int From, int To)>? HttpStatusCodes, IReadOnlyList<(int From, int To)>? GrpcStatusCodes)
{
    public const int UnboundedCap = 100;

    /// <summary>Total attempts this policy allows: the first one and its retries.</summary>
    public int MaxAttempts => MaxRetries < 0 ? UnboundedCap : MaxRetries + 1;

    /// <summary>Whether a failure with this status code may be retried (HTTP 100-599, gRPC 0-16, as daprd tells them apart).</summary>
    public bool Retries(int statusCode)
    {
        var ranges = statusCode is >= 0 and <= 16 ? GrpcStatusCodes : HttpStatusCodes;
        return ranges is null || ranges.Any(r => statusCode >= r.From && statusCode <= r.To);
    }

    public static RetryPolicy FromResource(string name, JsonNode? policy)
    {
        var maxRetries = policy.Text("maxRetries") is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : -1;
        return new RetryPolicy(name, maxRetries, Ranges(policy.Text("matching.httpStatusCodes")), Ranges(policy.Text("matching.gRPCStatusCodes")));
    }

    private static List<(int, int)>? Ranges(string? codes) =>
        string.IsNullOrWhiteSpace(codes)
            ? null
            : codes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part =>
            {
                var bounds = part.Split('-', 2);
                var from = int.Parse(bounds[0], CultureInfo.InvariantCulture);
                return (from, bounds.Length == 2 ? int.Parse(bounds[1], CultureInfo.InvariantCulture) : from);
            }).ToList();
}
