namespace CloudPatterns.Testing.State;

/// <summary>
/// Dapr's transactional outbox, as daprd 1.18 runs it on a state store with outboxPublishPubsub and
/// outboxPublishTopic: for each upsert of a transaction it queues a message before the transaction runs, and
/// publishes it to the topic once the transaction has committed. What the message looks like
/// (https://github.com/dapr/dapr/blob/v1.18.3/pkg/runtime/pubsub/outbox.go#L161-L268):
/// <list type="bullet">
/// <item>id <c>outbox-{uuid}</c>, source the app id, type <c>com.dapr.event.sent</c>;</item>
/// <item>the upsert's own metadata is copied onto the envelope key by key (except data and id), verbatim, so
/// <c>cloudevent.type</c> becomes an attribute of that name, not the type;</item>
/// <item>an <c>outbox.projection</c> upsert of the same key is published instead of the state: its value and its
/// <c>contentType</c> metadata only (no content type: <c>text/plain</c>, and the data is a string).</item>
/// </list>
/// If the transaction fails, the queued message finds no state and is dropped when the component sets
/// outboxDiscardWhenMissingState; otherwise it is redelivered for ever (outbox.go#L331-L341), which the fabric
/// records in <see cref="Stuck"/>.
/// </summary>
public sealed class TransactionalOutbox(DaprTestFabric fabric)
{
    private const string DefaultEventType = "com.dapr.event.sent";
    private readonly DaprTestFabric _fabric = fabric;
    private readonly Lock _gate = new();
    private readonly List<JsonObject> _stuck = [];

    /// <summary>Messages of failed transactions that daprd would redeliver for ever (no outboxDiscardWhenMissingState).</summary>
    public IReadOnlyList<JsonObject> Stuck
    {
        get
        {
            lock (_gate)
            {
                return [.. _stuck];
            }
        }
    }

    /// <summary>Takes a transaction's writes apart: what is stored, and (on an outbox store) what will be published.</summary>
    public Pending Queue(string appId, string storeName, IReadOnlyList<StateWrite> writes)
    {
        var component = _fabric.Components.Require(appId, storeName, "state.");
        var projections = writes.Where(IsProjection).ToDictionary(w => w.Key, StringComparer.Ordinal);
        var stored = writes.Where(w => !IsProjection(w)).ToList();
        if (component.MetadataValue("outboxPublishPubsub") is not { } pubsub || component.MetadataValue("outboxPublishTopic") is not { } topic)
        {
            return new Pending(this, stored, [], null, null, Discard: true);
        }

        var messages = stored.Where(w => !w.IsDelete).Select(write => Envelope(appId, write, projections.GetValueOrDefault(write.Key, write))).ToList();
        var discard = string.Equals(component.MetadataValue("outboxDiscardWhenMissingState"), "true", StringComparison.OrdinalIgnoreCase);
        return new Pending(this, stored, messages, pubsub, topic, discard) { AppId = appId };
    }

    private static JsonObject Envelope(string appId, StateWrite write, StateWrite published)
    {
        var contentType = published.Metadata?.GetValueOrDefault("contentType");
        var json = contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;
        var envelope = new JsonObject
        {
            ["id"] = $"outbox-{Guid.NewGuid()}",
            ["specversion"] = "1.0",
            ["datacontenttype"] = contentType ?? "text/plain",
            ["source"] = appId,
            ["type"] = DefaultEventType,
            ["data"] = json ? JsonNode.Parse(published.Value!) : JsonValue.Create(Encoding.UTF8.GetString(published.Value ?? [])),
        };
        foreach (var (key, value) in write.Metadata ?? new Dictionary<string, string>())
        {
            if (key is not ("data" or "id"))
            {
                envelope[key] = value;
            }
        }

        return envelope;
    }

    private static bool IsProjection(StateWrite write) =>
        write.Metadata?.TryGetValue("outbox.projection", out var flag) == true && string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>One transaction's outbox messages, waiting to learn whether it committed.</summary>
    public sealed record Pending(TransactionalOutbox Outbox, IReadOnlyList<StateWrite> Stored, IReadOnlyList<JsonObject> Messages, string? PubSub, string? Topic, bool Discard)
    {
        public string AppId { get; init; } = string.Empty;

        public void Committed()
        {
            foreach (var message in Messages)
            {
                Outbox._fabric.PubSub.PublishEnvelope(AppId, PubSub!, Topic!, message);
            }
        }

        public void Failed()
        {
            if (!Discard && Messages.Count > 0)
            {
                lock (Outbox._gate)
                {
                    Outbox._stuck.AddRange(Messages);
                }
            }
        }
    }
}
