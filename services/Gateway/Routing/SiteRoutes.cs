namespace CloudPatterns.Gateway.Routing;

/// <summary>
/// The web site's catch-all route (metadata <see cref="DaprRoutes.PagesMetadata"/>, order 1000, so every API route,
/// /dev/token, the API document and the health probes come first) takes what no other route takes, but never a path
/// under /api, /dapr or /dev (<see cref="SitePathConstraint"/>): an unknown API path, a wrong method on an API route or
/// Dapr's own paths are answered by the gateway as they were before the site existed (404, 405), never by the site.
/// </summary>
public static class SiteRoutes
{
    public static IServiceCollection AddSiteRoutes(this IServiceCollection services) =>
        services.Configure<RouteOptions>(options => options.SetParameterPolicy<SitePathConstraint>(SitePathConstraint.Name));

    /// <summary>The site's pages keep the Content-Security-Policy the site sends (the strict one if it sends none).</summary>
    public static void KeepTheSitesPolicy(IEndpointConventionBuilder endpoint, RouteConfig route)
    {
        if (DaprRoutes.ServesPages(route))
        {
            endpoint.WithContentSecurityPolicy(context =>
                context.Response.Headers.ContentSecurityPolicy is { Count: > 0 } own ? own.ToString() : SecurityHeaders.StrictPolicy);
        }
    }
}

/// <summary>Route constraint <c>sitepath</c>: any path but those the gateway keeps for itself and the API.</summary>
public sealed class SitePathConstraint : IRouteConstraint
{
    public const string Name = "sitepath";

    private static readonly string[] s_reserved = ["api", "dapr", "dev"];

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        var path = values.TryGetValue(routeKey, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty : string.Empty;
        var first = path.TrimStart('/').Split('/', 2)[0];
        return !s_reserved.Contains(first, StringComparer.OrdinalIgnoreCase);
    }
}
