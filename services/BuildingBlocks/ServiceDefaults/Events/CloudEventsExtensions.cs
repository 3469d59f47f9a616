using System.Text.Json;
using Dapr;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CloudPatterns.ServiceDefaults.Events;

public static class CloudEventsExtensions
{
    private const string CloudEventsContentType = "application/cloudevents+json";

    /// <summary>
    /// Dapr.AspNetCore's CloudEvents unwrapping, with the id, type, source and topic forwarded as
    /// headers. An envelope that is not JSON at all would make the middleware throw (a 500, so Dapr would
    /// redeliver it forever); it is answered DROP instead.
    /// </summary>
    public static IApplicationBuilder UseDaprCloudEvents(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (JsonException) when (IsCloudEvent(context.Request) && !context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status200OK;
                await context.Response.WriteAsJsonAsync(new { status = "DROP" });
            }
        });

        return app.UseCloudEvents(new CloudEventsMiddlewareOptions
        {
            ForwardCloudEventPropertiesAsHeaders = true,
            IncludedCloudEventPropertiesAsHeaders = EventSubscriptions.ForwardedCloudEventAttributes,
        });
    }

    private static bool IsCloudEvent(HttpRequest request) =>
        request.ContentType?.StartsWith(CloudEventsContentType, StringComparison.OrdinalIgnoreCase) == true;
}
