using CloudPatterns.ServiceDefaults.Security;

namespace CloudPatterns.Gateway.RateLimiting;

/// <summary>Who is calling, for rate limits and canary buckets: the user id when the token is valid, else the client address.</summary>
public static class CallerKey
{
    public static string Of(HttpContext context) =>
        context.User.GetUserId() is { } userId
            ? $"user:{userId}"
            : $"ip:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";
}
