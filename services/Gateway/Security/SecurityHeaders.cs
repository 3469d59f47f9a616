namespace CloudPatterns.Gateway.Security;

/// <summary>
/// Headers on every answer: the browser hardening an API wants (no sniffing, no framing, no referrer, nothing
/// to load), HSTS over HTTPS, and the trace id, so a caller can quote it when something goes wrong. An endpoint
/// that serves a page (the API reference) may carry its own Content-Security-Policy
/// (<see cref="WithContentSecurityPolicy{TBuilder}"/>); every other answer keeps <see cref="StrictPolicy"/>.
/// </summary>
public static class SecurityHeaders
{
    public const string TraceIdHeader = "x-trace-id";

    /// <summary>Nothing may load, nothing may frame it: an API answer is data, never a page.</summary>
    public const string StrictPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>This endpoint's answers carry this policy instead of <see cref="StrictPolicy"/> (made per request, e.g. with a nonce).</summary>
    public static TBuilder WithContentSecurityPolicy<TBuilder>(this TBuilder builder, Func<HttpContext, string> policy) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ContentSecurityPolicy(policy));

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = context.GetEndpoint()?.Metadata.GetMetadata<ContentSecurityPolicy>()?.For(context) ?? StrictPolicy;
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }

            headers[TraceIdHeader] = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
            return Task.CompletedTask;
        });
        await next(context);
    });
}

/// <summary>Endpoint metadata: the Content-Security-Policy of this endpoint's answers.</summary>
public sealed record ContentSecurityPolicy(Func<HttpContext, string> For);
