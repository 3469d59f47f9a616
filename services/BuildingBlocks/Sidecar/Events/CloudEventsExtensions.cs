namespace CloudPatterns.Sidecar.Events;

public static class CloudEventsExtensions
{
    private const string CloudEventsContentType = "application/cloudevents+json";

    /// <summary>
    /// Dapr.AspNetCore's CloudEvents unwrapping, with the id, type, source and topic forwarded as headers. An
    /// envelope that middleware cannot unwrap (not JSON, not an object, data_base64 that is not base64, both data
    /// and data_base64) would make it throw or answer 400, and Dapr would redeliver a message that can never
    /// succeed; such an envelope is answered DROP with a dead-letter note instead. An event in binary mode (the
    /// attributes in ce-* headers and the body as data, as other brokers and bindings deliver) gets the same
    /// headers, so every handler reads an event the same way whichever mode it came in.
    /// </summary>
    public static IApplicationBuilder UseDaprCloudEvents(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (IsCloudEvent(context.Request))
            {
                if (await UnreadableEnvelopeAsync(context) is { } reason)
                {
                    var delivery = context.RequestServices.GetRequiredService<EventDelivery>();
                    await (await delivery.DropAsync(context, reason, context.RequestAborted)).ExecuteAsync(context);
                    return;
                }
            }
            else if (context.Request.Headers.ContainsKey("ce-specversion"))
            {
                foreach (var attribute in EventSubscriptions.ForwardedCloudEventAttributes)
                {
                    if (context.Request.Headers[$"ce-{attribute}"].ToString() is { Length: > 0 } value)
                    {
                        context.Request.Headers[$"Cloudevent.{attribute}"] = value;
                    }
                }
            }

            await next(context);
        });

        return app.UseCloudEvents(new CloudEventsMiddlewareOptions
        {
            ForwardCloudEventPropertiesAsHeaders = true,
            IncludedCloudEventPropertiesAsHeaders = EventSubscriptions.ForwardedCloudEventAttributes,
        });
    }

    /// <summary>
    /// Why Dapr.AspNetCore's middleware could not unwrap this envelope, or null when it can (the checks follow
    /// https://github.com/dapr/dotnet-sdk/blob/v1.19.0-preview.2/src/Dapr.AspNetCore/CloudEventsMiddleware.cs#L70-L160).
    /// The body is buffered and rewound for it. The envelope's id and topic, when it has them, go in the headers the
    /// dead-letter note reads.
    /// </summary>
    private static async Task<string?> UnreadableEnvelopeAsync(HttpContext context)
    {
        var request = context.Request;
        request.EnableBuffering();
        try
        {
            using var envelope = await JsonDocument.ParseAsync(request.Body, cancellationToken: context.RequestAborted);
            if (envelope.RootElement.ValueKind != JsonValueKind.Object)
            {
                return $"the CloudEvent envelope is a JSON {envelope.RootElement.ValueKind}, not an object";
            }

            var attributes = envelope.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.OrdinalIgnoreCase);
            foreach (var attribute in new[] { "id", "topic" })
            {
                if (attributes.TryGetValue(attribute, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    request.Headers[$"Cloudevent.{attribute}"] = value.GetString();
                }
            }

            return (attributes.ContainsKey("data"), attributes.TryGetValue("data_base64", out var base64)) switch
            {
                (true, true) => "the CloudEvent has both data and data_base64",
                (_, true) when base64.ValueKind != JsonValueKind.String || !base64.TryGetBytesFromBase64(out _) => "the CloudEvent's data_base64 is not base64",
                _ => null,
            };
        }
        catch (JsonException ex)
        {
            return $"the CloudEvent envelope is not JSON: {ex.Message}";
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    private static bool IsCloudEvent(HttpRequest request) =>
        request.ContentType?.StartsWith(CloudEventsContentType, StringComparison.OrdinalIgnoreCase) == true;
}
