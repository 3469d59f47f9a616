using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace CloudPatterns.Gateway.Security;

/// <summary>Bodies above Gateway:MaxRequestBodyBytes are refused with 413 before they are read or forwarded.</summary>
public static class RequestSizeLimit
{
    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.MaxRequestBodyBytes;
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
}
