namespace CloudPatterns.Gateway.Security;

/// <summary>
/// Bodies above Gateway:MaxRequestBodyBytes are refused with 413 and not forwarded: at once when Content-Length says
/// so, otherwise (chunked) at the read that passes the limit, which YARP reports as the client's 413. A route may
/// allow more with MaxRequestBodyBytes in its metadata (image uploads). Runs after routing, so the route is known.
/// </summary>
public static class RequestSizeLimit
{
    public const string RouteMetadata = "MaxRequestBodyBytes";

    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = LimitFor(context);
        if (context.Request.ContentLength > limit)
        {
            await TooLargeAsync(context, limit);
            return;
        }

        var body = LimitedBodyStream.Wrap(context, limit);
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            context.Response.Clear();
            await TooLargeAsync(context, limit);
            return;
        }

        // YARP answers a body that failed while being forwarded with the server's status and no body of its own.
        if ((body.Exceeded || context.GetForwarderErrorFeature()?.Error == ForwarderError.RequestBodyClient)
            && context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await TooLargeAsync(context, limit);
        }
    });

    private static Task TooLargeAsync(HttpContext context, long limit) =>
        Results.Problem(
                title: "The request body is too large.",
                detail: $"At most {limit} bytes are accepted.",
                statusCode: StatusCodes.Status413PayloadTooLarge)
            .ExecuteAsync(context);

    private static long LimitFor(HttpContext context)
    {
        var route = context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>();
        return route?.Config.Metadata?.TryGetValue(RouteMetadata, out var value) == true
            && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var routeLimit)
            ? routeLimit
            : context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.MaxRequestBodyBytes;
    }
}
