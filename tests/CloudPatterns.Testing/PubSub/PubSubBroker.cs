using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudPatterns.Testing.Components;
using CloudPatterns.Testing.Fabric;

namespace CloudPatterns.Testing.PubSub;

/// <summary>
/// Pub/sub as the sidecars and broker do it together. Publishing wraps data in a CloudEvent (id,
/// source = publishing app id, type, specversion, datacontenttype, data, traceparent, topic); each
/// subscription of each app gets its own copy (consumer group per app) POSTed to its route as
/// application/cloudevents+json. Answers follow Dapr's contract: 2xx with SUCCESS or no status is done;
/// DROP is dropped and forwarded to the dead-letter topic; 404 is dropped with a warning; RETRY, any other
/// status or an exception is redelivered up to the retry budget, then dead-lettered. Deliveries run one at
/// a time; a redelivery goes to the back of the queue, so what was already waiting goes first.
/// </summary>
public sealed class PubSubBroker
{
    private const string DefaultEventType = "com.dapr.event.sent";

    private readonly DaprTestFabric _fabric;
    private readonly Lock _gate = new();
    private readonly List<PublishedMessage> _published = [];
    private readonly List<DeliveryRecord> _deliveries = [];
    private readonly List<PublishedMessage> _deadLettered = [];
    private readonly List<(SubscriptionDefinition Subscription, IReadOnlyList<(CelExpression Match, string Path)> Rules)> _subscriptions = [];
    private readonly List<Pending> _pending = [];
    private readonly List<(PublishedMessage Message, SubscriptionDefinition Subscription, IReadOnlyList<(CelExpression Match, string Path)> Rules)> _parked = [];
    private readonly HashSet<string> _pausedApps = new(StringComparer.Ordinal);
    private Random _random;
    private bool _pumping;
    private int _holds;

    internal PubSubBroker(DaprTestFabric fabric)
    {
        _fabric = fabric;
        _random = new Random(Options.Seed);
    }

    public PubSubOptions Options { get; } = new();

    public IReadOnlyList<PublishedMessage> Published => Locked(() => _published.ToList());

    public IReadOnlyList<DeliveryRecord> Deliveries => Locked(() => _deliveries.ToList());

    /// <summary>Messages forwarded to a dead-letter topic (dropped, or out of retries).</summary>
    public IReadOnlyList<PublishedMessage> DeadLettered => Locked(() => _deadLettered.ToList());

    public IReadOnlyList<SubscriptionDefinition> Subscriptions => Locked(() => _subscriptions.Select(s => s.Subscription).ToList());

    public IReadOnlyList<PublishedMessage> PublishedTo(string topic) => Published.Where(m => m.Topic == topic).ToList();

    /// <summary>
    /// Holds deliveries back until the result is disposed; messages published meanwhile wait together, so
    /// <see cref="PubSubOptions.ReorderDeliveries"/> shuffles all of them, reproducibly for a seed.
    /// </summary>
    public IDisposable HoldDeliveries()
    {
        lock (_gate)
        {
            _holds++;
        }

        return new Release(this);
    }

    /// <summary>
    /// Stops delivering to <paramref name="appId"/> until the result is disposed, as when the app is down:
    /// its messages wait in the broker (they do not count as work in flight), then arrive in order.
    /// </summary>
    public IDisposable PauseDeliveriesTo(string appId)
    {
        lock (_gate)
        {
            _pausedApps.Add(appId);
        }

        return new Resume(this, appId);
    }

    /// <summary>Re-seeds the random order used by <see cref="PubSubOptions.ReorderDeliveries"/>.</summary>
    public void Reseed(int seed)
    {
        Options.Seed = seed;
        lock (_gate)
        {
            _random = new Random(seed);
        }
    }

    internal PublishedMessage Publish(
        string appId, string pubsubName, string topic, JsonNode? data, string dataContentType, IReadOnlyDictionary<string, string>? metadata)
    {
        _fabric.Components.Require(appId, pubsubName, "pubsub.");
        ArgumentException.ThrowIfNullOrEmpty(topic);

        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var traceParent = $"00-{traceId}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..8])}-01";
        var envelope = new JsonObject
        {
            ["id"] = Metadata(metadata, "cloudevent.id") ?? Guid.NewGuid().ToString(),
            ["source"] = Metadata(metadata, "cloudevent.source") ?? appId,
            ["type"] = Metadata(metadata, "cloudevent.type") ?? DefaultEventType,
            ["specversion"] = "1.0",
            ["datacontenttype"] = dataContentType,
            ["time"] = _fabric.Time.GetUtcNow().ToString("O"),
            ["topic"] = topic,
            ["pubsubname"] = pubsubName,
            ["traceid"] = traceParent,
            ["traceparent"] = traceParent,
            ["tracestate"] = string.Empty,
            ["data"] = data?.DeepClone(),
        };

        return Enqueue(pubsubName, topic, appId, envelope);
    }

    internal void AddSubscriptions(IEnumerable<SubscriptionDefinition> subscriptions)
    {
        foreach (var subscription in subscriptions)
        {
            _fabric.Components.Require(subscription.AppId, subscription.PubSubName, "pubsub.");
            var rules = subscription.Rules.Select(r => (CelExpression.Parse(r.Match), r.Path)).ToList();
            lock (_gate)
            {
                _subscriptions.Add((subscription, rules));
            }
        }
    }

    private PublishedMessage Enqueue(string pubsubName, string topic, string publisherAppId, JsonObject envelope)
    {
        lock (_gate)
        {
            var message = new PublishedMessage(pubsubName, topic, publisherAppId, envelope, _published.Count + 1);
            _published.Add(message);
            foreach (var subscription in _subscriptions.Where(s => s.Subscription.PubSubName == pubsubName && s.Subscription.Topic == topic))
            {
                var copies = Options.DuplicateDelivery ? 2 : 1;
                for (var copy = 0; copy < copies; copy++)
                {
                    if (_pausedApps.Contains(subscription.Subscription.AppId))
                    {
                        _parked.Add((message, subscription.Subscription, subscription.Rules));
                        continue;
                    }

                    _pending.Add(new Pending(message, subscription.Subscription, subscription.Rules, 1,
                        _fabric.Activity.Begin($"delivery of {topic} message {message.Id} to {subscription.Subscription.AppId}")));
                }
            }

            StartPumpIfIdle();
            return message;
        }
    }

    private void StartPumpIfIdle()
    {
        if (!_pumping && _holds == 0 && _pending.Count > 0)
        {
            _pumping = true;
            _ = Task.Run(PumpAsync);
        }
    }

    private async Task PumpAsync()
    {
        while (true)
        {
            Pending next;
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    _pumping = false;
                    return;
                }

                var index = Options.ReorderDeliveries ? _random.Next(_pending.Count) : 0;
                next = _pending[index];
                _pending.RemoveAt(index);
            }

            using (next.Activity)
            {
                await DeliverAsync(next);
            }
        }
    }

    private async Task DeliverAsync(Pending pending)
    {
        var (message, subscription) = (pending.Message, pending.Subscription);
        var route = pending.Rules.FirstOrDefault(r => r.Match.Matches(message.CloudEvent)).Path ?? subscription.DefaultRoute;
        if (string.IsNullOrEmpty(route))
        {
            Record(pending, string.Empty, DeliveryOutcome.NoRoute, null, "no routing rule matched and there is no default route");
            return;
        }

        var (outcome, status, detail) = await SendAsync(subscription.AppId, route, message);
        Record(pending, route, outcome, status, detail);

        switch (outcome)
        {
            case DeliveryOutcome.Retry when pending.Attempt <= RetriesFor(subscription):
                lock (_gate)
                {
                    _pending.Add(pending with
                    {
                        Attempt = pending.Attempt + 1,
                        Activity = _fabric.Activity.Begin($"redelivery of {message.Topic} message {message.Id} to {subscription.AppId}"),
                    });
                }

                break;
            case DeliveryOutcome.Retry or DeliveryOutcome.Drop when subscription.DeadLetterTopic is { Length: > 0 } deadLetterTopic:
                lock (_gate)
                {
                    _deadLettered.Add(message);
                }

                // Dapr forwards the message itself, envelope unchanged, so its topic still names where it came from.
                Enqueue(subscription.PubSubName, deadLetterTopic, subscription.AppId, message.CloudEvent.DeepClone().AsObject());
                break;
        }
    }

    private async Task<(DeliveryOutcome Outcome, int? Status, string? Detail)> SendAsync(string appId, string route, PublishedMessage message)
    {
        try
        {
            using var client = _fabric.App(appId).CreateSidecarClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, route.TrimStart('/'))
            {
                Content = new StringContent(message.CloudEvent.ToJsonString(), Encoding.UTF8, "application/cloudevents+json"),
            };
            request.Headers.TryAddWithoutValidation("traceparent", message.CloudEvent.Text("traceparent"));

            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return (DeliveryOutcome.NotFound, 404, body);
            }

            if (!response.IsSuccessStatusCode)
            {
                return (DeliveryOutcome.Retry, (int)response.StatusCode, body);
            }

            return (StatusOf(body), (int)response.StatusCode, body);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException or TaskCanceledException)
        {
            return (DeliveryOutcome.Retry, null, ex.Message);
        }
    }

    /// <summary>Dapr reads {"status": ...} from a 2xx answer; an empty or unreadable body counts as success.</summary>
    private static DeliveryOutcome StatusOf(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return DeliveryOutcome.Success;
        }

        try
        {
            var status = JsonNode.Parse(body)?["status"]?.GetValue<string>();
            return status?.ToUpperInvariant() switch
            {
                null or "" or "SUCCESS" => DeliveryOutcome.Success,
                "DROP" => DeliveryOutcome.Drop,
                _ => DeliveryOutcome.Retry,
            };
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return DeliveryOutcome.Success;
        }
    }

    private int RetriesFor(SubscriptionDefinition subscription) =>
        Options.Retries ?? _fabric.Components.InboundRetriesFor(subscription.PubSubName);

    private void Record(Pending pending, string route, DeliveryOutcome outcome, int? status, string? detail)
    {
        lock (_gate)
        {
            _deliveries.Add(new DeliveryRecord(pending.Subscription.AppId, pending.Message.Topic, route, pending.Message, pending.Attempt, outcome, status, detail));
        }
    }

    private static string? Metadata(IReadOnlyDictionary<string, string>? metadata, string key) =>
        metadata is not null && metadata.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    private T Locked<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    private sealed class Resume(PubSubBroker broker, string appId) : IDisposable
    {
        private int _resumed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _resumed, 1) != 0)
            {
                return;
            }

            lock (broker._gate)
            {
                broker._pausedApps.Remove(appId);
                foreach (var parked in broker._parked.Where(p => p.Subscription.AppId == appId).ToList())
                {
                    broker._parked.Remove(parked);
                    broker._pending.Add(new Pending(parked.Message, parked.Subscription, parked.Rules, 1,
                        broker._fabric.Activity.Begin($"delivery of {parked.Message.Topic} message {parked.Message.Id} to {appId}")));
                }

                broker.StartPumpIfIdle();
            }
        }
    }

    private sealed class Release(PubSubBroker broker) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                lock (broker._gate)
                {
                    broker._holds--;
                    broker.StartPumpIfIdle();
                }
            }
        }
    }

    private sealed record Pending(
        PublishedMessage Message,
        SubscriptionDefinition Subscription,
        IReadOnlyList<(CelExpression Match, string Path)> Rules,
        int Attempt,
        IDisposable Activity);
}
