using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace CloudPatterns.Gateway.Security;

/// <summary>
/// Bodies above Gateway:MaxRequestBodyBytes are refused with 413 before they are read or forwarded. A route
/// may allow more with MaxRequestBodyBytes in its metadata (image uploads). Runs after routing, so the route is known.
/// </summary>
public static class RequestSizeLimit
{
    public const string RouteMetadata = "MaxRequestBodyBytes";

    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = LimitFor(context);
        if (context.Request.ContentLength > limit)
        {
            await Results.Problem(
                    title: "The request body is too large.",
                    detail: $"At most {limit} bytes are accepted.",
                    statusCode: StatusCodes.Status413PayloadTooLarge)
                .ExecuteAsync(context);
            return;
        }

        // Chunked bodies have no length up front: the server stops reading them at the limit instead.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        await next(context);
    });

    private static long LimitFor(HttpContext context)
    {
        var route = context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>();
        return route?.Config.Metadata?.TryGetValue(RouteMetadata, out var value) == true
            && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var routeLimit)
            ? routeLimit
            : context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.MaxRequestBodyBytes;
    }
}
