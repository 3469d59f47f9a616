namespace CloudPatterns.Gateway.Routing;

/// <summary>
/// Refuses paths that try to step out of a route (dot segments, encoded slashes or dots, backslashes) before
/// any route sees them, so /api/orders/..%2F..%2Fdapr/subscribe can never become a service's internal path.
/// </summary>
public static class PathGuard
{
    private static readonly string[] s_forbidden = ["/../", "/./", "%2e", "%2f", "%5c", "\\"];

    public static IApplicationBuilder UsePathGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // Both the target as sent (still encoded) and the path as decoded by the server.
        var raw = (context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? string.Empty).Split('?', 2)[0];
        if (IsForbidden(raw) || IsForbidden(context.Request.Path.Value ?? string.Empty))
        {
            await Results.Problem(title: "This path is not allowed.", statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    private static bool IsForbidden(string path) =>
        s_forbidden.Any(f => path.Contains(f, StringComparison.OrdinalIgnoreCase)) || path.EndsWith("/..", StringComparison.Ordinal) || path.EndsWith("/.", StringComparison.Ordinal);
}
