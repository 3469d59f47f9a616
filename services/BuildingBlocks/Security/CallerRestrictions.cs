namespace CloudPatterns.Security;

/// <summary>
/// Endpoints meant for other services, not users. The calling sidecar names its app in
/// <c>dapr-caller-app-id</c>; the app token (APP_API_TOKEN) guarantees the request came through our own
/// sidecar, so the header can be trusted. Any other caller gets 403.
/// </summary>
public static class CallerRestrictions
{
    public const string CallerHeader = "dapr-caller-app-id";

    /// <summary>Only these apps may call; with <paramref name="orAdmin"/>, so may an admin user (through the gateway).</summary>
    public static TBuilder AllowCallers<TBuilder>(this TBuilder builder, string[] appIds, bool orAdmin = false) where TBuilder : IEndpointConventionBuilder
    {
        var allowList = new CallerAllowList(appIds, orAdmin);
        builder.WithMetadata(allowList);
        return builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (allowList.Admits(http.Request.Headers[CallerHeader].ToString()) || (orAdmin && http.User.IsAdmin()))
            {
                return await next(context);
            }

            return Results.Problem(
                title: "This endpoint is for other services.",
                detail: $"Only {string.Join(", ", appIds)}{(orAdmin ? " or an admin" : string.Empty)} may call it.",
                statusCode: StatusCodes.Status403Forbidden);
        });
    }
}
