namespace CloudPatterns.Testing.PubSub;

/// <summary>A message as it sits on the broker: the CloudEvent envelope the publishing sidecar built.</summary>
public sealed record PublishedMessage(string PubSubName, string Topic, string PublisherAppId, JsonObject CloudEvent, int Sequence)
{
    public string Id => CloudEvent.Text("id")!;

    public string Type => CloudEvent.Text("type")!;

    public string Source => CloudEvent.Text("source")!;

    public JsonNode? Data => CloudEvent["data"];

    public T DataAs<T>() => Data.Deserialize<T>(JsonDefaults.Options)
        ?? throw new InvalidOperationException($"Message {Id} on {Topic} has no data.");
}
