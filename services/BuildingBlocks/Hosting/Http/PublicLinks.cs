namespace CloudPatterns.Hosting.Http;

/// <summary>
/// Links a client receives must work where the client stands. The gateway serves a service's /orders/{id} as
/// /api/orders/{id} and says so in X-Forwarded-Prefix; the service takes it as its path base, so every link it
/// builds with <see cref="To"/> is the public one, and a call from another service (no prefix) gets the internal one.
/// </summary>
public static partial class PublicLinks
{
    public const string PrefixHeader = "X-Forwarded-Prefix";

    /// <summary>
    /// Takes X-Forwarded-Prefix as the request's path base. Only apps reach a service (the sidecar token admits
    /// no one else, and the gateway replaces whatever a client sent), and the value must look like a path prefix.
    /// </summary>
    public static IApplicationBuilder UseForwardedPrefix(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.Headers[PrefixHeader].ToString() is { Length: > 0 } prefix && Prefix().IsMatch(prefix))
        {
            context.Request.PathBase = new PathString(prefix) + context.Request.PathBase;
        }

        return next(context);
    });

    /// <summary>The link to <paramref name="path"/> (e.g. /orders/42) as the caller of this request reaches it.</summary>
    public static string To(HttpRequest request, string path) => request.PathBase.Add(new PathString(path)).Value!;

    [GeneratedRegex("^(/[A-Za-z0-9_-]{1,32}){1,3}$")]
    private static partial Regex Prefix();
}
