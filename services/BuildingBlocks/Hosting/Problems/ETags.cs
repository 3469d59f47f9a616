namespace CloudPatterns.Hosting.Problems;

/// <summary>
/// HTTP entity tags carrying the state store's ETag, so If-Match maps onto Dapr's first-write concurrency. The
/// store's ETag travels base64url-encoded inside the quotes: Cosmos DB's ETags contain quotes themselves, and a
/// header must not, so any store's ETag round-trips unchanged.
/// </summary>
public static class ETags
{
    public static string ToHeader(string stateETag) => $"\"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(stateETag))}\"";

    /// <summary>The store's ETag a client sent back; one that is not ours comes back as is, and simply does not match.</summary>
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

        value = value.Trim('"');
        return Base64Url.IsValid(value) ? Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value)) : value;
    }
}
