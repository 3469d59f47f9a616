using System.Diagnostics;

namespace CloudPatterns.Gateway.Security;

/// <summary>
/// Headers on every answer: the browser hardening an API wants (no sniffing, no framing, no referrer, nothing
/// to load), HSTS over HTTPS, and the trace id, so a caller can quote it when something goes wrong.
/// </summary>
public static class SecurityHeaders
{
    public const string TraceIdHeader = "x-trace-id";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
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
