namespace CloudPatterns.Web.Security;

/// <summary>
/// The site's Content-Security-Policy, set here because the site knows what its pages load: its own stylesheet and
/// script, images from its own origin (the gateway serves the API's images there too) and nothing inline, so an
/// injected script or style cannot run. The gateway keeps this policy on its site route and the strict
/// <c>default-src 'none'</c> on everything else (docs/decisions.md).
/// </summary>
public static class SiteSecurityHeaders
{
    public const string Policy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self'; " +
        "frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UseSiteSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
