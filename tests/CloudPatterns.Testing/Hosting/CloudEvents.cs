namespace CloudPatterns.Testing.Hosting;

/// <summary>Builds the requests a sidecar POSTs to a subscriber, for service tests that play the sidecar themselves.</summary>
public static class CloudEvents
{
    public const string ContentType = "application/cloudevents+json";

    /// <summary>The structured CloudEvent a sidecar would deliver for <paramref name="integrationEvent"/>.</summary>
    public static JsonObject Envelope<TEvent>(TEvent integrationEvent, string source = "test-publisher") where TEvent : IIntegrationEvent
    {
        var declared = EventTypes.Of<TEvent>();
        return Envelope(declared.Topic, declared.CloudEventType, integrationEvent.EventId.ToString(),
            JsonSerializer.SerializeToNode(integrationEvent, JsonDefaults.Options), source);
    }

    public static JsonObject Envelope(string topic, string type, string id, JsonNode? data, string source = "test-publisher") => new()
    {
        ["id"] = id,
        ["source"] = source,
        ["type"] = type,
        ["specversion"] = "1.0",
        ["datacontenttype"] = "application/json",
        ["topic"] = topic,
        ["pubsubname"] = "pubsub",
        ["traceparent"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        ["data"] = data,
    };

    /// <summary>A POST of <paramref name="envelope"/> to the route the app subscribed for its topic.</summary>
    public static HttpRequestMessage Post(JsonObject envelope) => Post(
        EventSubscriptions.RoutePrefix + envelope["topic"]!.GetValue<string>(), envelope.ToJsonString());

    public static HttpRequestMessage Post(string route, string rawBody) =>
        new(HttpMethod.Post, route.TrimStart('/')) { Content = new StringContent(rawBody, Encoding.UTF8, ContentType) };

    /// <summary>A binary-mode delivery, as other brokers and bindings make it: the attributes in ce-* headers, <paramref name="body"/> as the data.</summary>
    public static HttpRequestMessage PostBinary(string route, string topic, string type, string id, string body, string source = "test-publisher")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, route.TrimStart('/'))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        foreach (var (attribute, value) in new[] { ("specversion", "1.0"), ("id", id), ("type", type), ("source", source), ("topic", topic), ("pubsubname", "pubsub") })
        {
            request.Headers.TryAddWithoutValidation($"ce-{attribute}", value);
        }

        return request;
    }
}
