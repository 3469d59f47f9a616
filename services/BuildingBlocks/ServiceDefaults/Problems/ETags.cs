namespace CloudPatterns.ServiceDefaults.Problems;

/// <summary>HTTP entity tags carrying the state store's ETag, so If-Match maps onto Dapr's first-write concurrency.</summary>
public static class ETags
{
    public static string ToHeader(string stateETag) => $"\"{stateETag}\"";

    public static string? FromHeader(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var value = header.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        return value.Trim('"');
    }
}
