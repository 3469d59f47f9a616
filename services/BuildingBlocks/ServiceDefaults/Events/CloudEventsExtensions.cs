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
    /// redeliver it forever); it is answered DROP instead. An event in binary mode (the attributes in ce-*
    /// headers and the body as data, as other brokers and bindings deliver) gets the same headers, so every
    /// handler reads an event the same way whichever mode it came in.
    /// </summary>
    public static IApplicationBuilder UseDaprCloudEvents(this IApplicationBuilder app)
    {
        app.Use((context, next) =>
        {
            if (context.Request.Headers.ContainsKey("ce-specversion") && !IsCloudEvent(context.Request))
            {
                foreach (var attribute in EventSubscriptions.ForwardedCloudEventAttributes)
                {
                    if (context.Request.Headers[$"ce-{attribute}"].ToString() is { Length: > 0 } value)
                    {
                        context.Request.Headers[$"Cloudevent.{attribute}"] = value;
                    }
                }
            }

            return next(context);
        });

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
