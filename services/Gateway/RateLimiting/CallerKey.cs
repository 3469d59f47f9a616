namespace CloudPatterns.Gateway.RateLimiting;

/// <summary>
/// Who is calling, for rate limits and canary buckets: the user id when the token is valid, else the client
/// address - an IPv4 address as it is, an IPv6 address by its /64 (one subscriber's network: anyone holding one
/// address in it can use all 2^64), and an IPv4 address a dual-stack socket reports as IPv6 as the IPv4 address.
/// </summary>
public static class CallerKey
{
    public static string Of(HttpContext context) =>
        context.User.GetUserId() is { } userId
            ? $"user:{userId}"
            : $"ip:{Network(context.Connection.RemoteIpAddress)}";

    private static string Network(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        bytes.AsSpan(8).Clear();
        return $"{new IPAddress(bytes)}/64";
    }
}
