namespace CloudPatterns.Testing.PubSub;

/// <summary>
/// Pub/sub as the sidecars and broker do it together. Publishing wraps data in a CloudEvent (id,
/// source = publishing app id, type, specversion, datacontenttype, data, traceparent, topic); each
/// subscription of each app gets its own copy (consumer group per app) POSTed to its route as
/// application/cloudevents+json. Answers follow Dapr's contract: 2xx with SUCCESS or no status is done;
/// DROP is dropped and forwarded to the dead-letter topic; 404 is dropped with a warning; RETRY, any other
/// status or an exception is redelivered up to the inbound retry policy, then dead-lettered. Each app takes
/// several deliveries at once (the component's concurrency), as real sidecars do; a redelivery goes to the back
/// of the queue, without the policy's back-off delay.
/// </summary>
public sealed class PubSubBroker
{
    private const string DefaultEventType = "com.dapr.event.sent";
    private const int DefaultConcurrency = 10;

    private readonly DaprTestFabric _fabric;
    private readonly Lock _gate = new();
    private readonly List<PublishedMessage> _published = [];
    private readonly List<DeliveryRecord> _deliveries = [];
    private readonly List<PublishedMessage> _deadLettered = [];
    private readonly List<PublishedMessage> _reclaimed = [];
    private readonly List<(SubscriptionDefinition Subscription, IReadOnlyList<(CelExpression Match, string Path)> Rules)> _subscriptions = [];
    private readonly List<Pending> _pending = [];
    private readonly List<(PublishedMessage Message, SubscriptionDefinition Subscription, IReadOnlyList<(CelExpression Match, string Path)> Rules)> _parked = [];
    private readonly HashSet<string> _pausedApps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Sequence, string AppId), int> _copiesInFlight = [];
    private Random _random;
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

    /// <summary>Messages pubsub.redis handed out again because a delivery outlasted processingTimeout (see <see cref="RedisReclaim"/>).</summary>
    public IReadOnlyList<PublishedMessage> Reclaimed => Locked(() => _reclaimed.ToList());

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

        var traceParent = TraceParent();
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

    /// <summary>Publishes an envelope another part of the sidecar built (the outbox), adding what the publish adds.</summary>
    internal PublishedMessage PublishEnvelope(string appId, string pubsubName, string topic, JsonObject envelope)
    {
        _fabric.Components.Require(appId, pubsubName, "pubsub.");
        var traceParent = TraceParent();
        envelope["time"] ??= _fabric.Time.GetUtcNow().ToString("O");
        envelope["topic"] = topic;
        envelope["pubsubname"] = pubsubName;
        envelope["traceid"] ??= traceParent;
        envelope["traceparent"] ??= traceParent;
        envelope["tracestate"] ??= string.Empty;
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

    /// <summary>
    /// Starts every pending delivery whose app has a free slot. Each app takes up to its concurrency at once:
    /// the pub/sub component's <c>concurrency</c> (pubsub.redis: 10 workers, components-contrib v1.18.4
    /// common/component/redis/redis.go#L136-L141), capped by the sidecar's appMaxConcurrency.
    /// Call with the gate held.
    /// </summary>
    private void StartPumpIfIdle()
    {
        while (_holds == 0)
        {
            var eligible = _pending.Select((pending, index) => (pending, index))
                .Where(p => _inFlight.GetValueOrDefault(p.pending.Subscription.AppId) < ConcurrencyOf(p.pending.Subscription))
                .Where(p => p.pending.Attempt == 1 || _copiesInFlight.GetValueOrDefault(CopyKey(p.pending)) == 0)
                .Select(p => p.index)
                .ToList();
            if (eligible.Count == 0)
            {
                return;
            }

            var index = eligible[Options.ReorderDeliveries ? _random.Next(eligible.Count) : 0];
            var next = _pending[index];
            _pending.RemoveAt(index);
            _inFlight[next.Subscription.AppId] = _inFlight.GetValueOrDefault(next.Subscription.AppId) + 1;
            _copiesInFlight[CopyKey(next)] = _copiesInFlight.GetValueOrDefault(CopyKey(next)) + 1;
            _ = Task.Run(() => RunAsync(next));
        }
    }

    private async Task RunAsync(Pending pending)
    {
        try
        {
            await DeliverAsync(pending);
        }
        finally
        {
            lock (_gate)
            {
                _inFlight[pending.Subscription.AppId]--;
                if (--_copiesInFlight[CopyKey(pending)] == 0)
                {
                    _copiesInFlight.Remove(CopyKey(pending));
                }

                StartPumpIfIdle();
            }

            pending.Activity.Dispose();
        }
    }

    /// <summary>
    /// A redelivery waits until no other copy of its message is being handled by the same app. On a real sidecar a
    /// retry comes after the inbound policy's backoff (components/common/resiliency.yaml, <c>redelivery</c>:
    /// exponential, the first retry about half a second later), long after a duplicate that held the message's claim
    /// has finished; the fabric redelivers without waiting on a clock, so
    /// without this rule a duplicate could use up its attempts against a claim held for milliseconds and be
    /// dead-lettered, which the runtime would not do.
    /// </summary>
    private static (int Sequence, string AppId) CopyKey(Pending pending) => (pending.Message.Sequence, pending.Subscription.AppId);

    private int ConcurrencyOf(SubscriptionDefinition subscription)
    {
        if (Options.MaxConcurrentDeliveries is { } configured)
        {
            return configured;
        }

        var component = _fabric.Components.TryGet(subscription.PubSubName, out var pubsub) ? pubsub.MetadataValue("concurrency") : null;
        var perComponent = int.TryParse(component, out var workers) && workers > 0 ? workers : DefaultConcurrency;
        return Math.Min(perComponent, _fabric.Sidecars.AppMaxConcurrency(subscription.AppId) ?? int.MaxValue);
    }

    /// <summary>
    /// One attempt, under the subscriber sidecar's inbound policy for the pub/sub: RETRY, a non-2xx other than 404 or no
    /// answer are failures (retried while the policy allows, counted by an inbound breaker if it has one); DROP and
    /// 404 are not (https://github.com/dapr/dapr/blob/v1.18.3/pkg/runtime/subscription/subscription.go#L358-L411,
    /// https://github.com/dapr/dapr/blob/v1.18.3/pkg/runtime/subscription/postman/http/http.go#L99-L173). Out of retries,
    /// or refused by an open breaker, the message goes to the dead-letter topic.
    /// </summary>
    private async Task DeliverAsync(Pending pending)
    {
        var (message, subscription) = (pending.Message, pending.Subscription);
        var route = pending.Rules.FirstOrDefault(r => r.Match.Matches(message.CloudEvent)).Path ?? subscription.DefaultRoute;
        if (string.IsNullOrEmpty(route))
        {
            Record(pending, string.Empty, DeliveryOutcome.NoRoute, null, "no routing rule matched and there is no default route");
            return;
        }

        var policy = _fabric.Resiliency.ComponentInbound(subscription.AppId, subscription.PubSubName);
        if (policy.Breaker?.TryEnter() == false)
        {
            Record(pending, route, DeliveryOutcome.Retry, null, $"{policy.Target}: circuit breaker is open");
            DeadLetter(pending);
            return;
        }

        var started = _fabric.Time.GetUtcNow();
        var (outcome, status, detail) = await SendAsync(subscription.AppId, route, message);
        var handling = pending.Handling + (_fabric.Time.GetUtcNow() - started);
        if (RedisReclaim.ProcessingTimeout(_fabric.Components, subscription.PubSubName) is { } processingTimeout && handling >= processingTimeout)
        {
            Record(pending, route, DeliveryOutcome.Retry, status,
                $"not acknowledged within processingTimeout ({processingTimeout}): daprd's delivery is cancelled and Redis claims the message again");
            Reclaim(pending);
            return;
        }

        Record(pending, route, outcome, status, detail);
        policy.Breaker?.Record(success: outcome != DeliveryOutcome.Retry);

        var attempts = Options.Retries is { } retries ? retries + 1 : policy.Retry?.MaxAttempts ?? 1;
        var retriable = status is not { } code || (code is >= 200 and < 300) || policy.Retry?.Retries(code) != false;
        switch (outcome)
        {
            case DeliveryOutcome.Retry when pending.Attempt < attempts && retriable:
                lock (_gate)
                {
                    _pending.Add(pending with
                    {
                        Attempt = pending.Attempt + 1,
                        Handling = handling,
                        Activity = _fabric.Activity.Begin($"redelivery of {message.Topic} message {message.Id} to {subscription.AppId}"),
                    });
                    StartPumpIfIdle();
                }

                break;
            case DeliveryOutcome.Retry or DeliveryOutcome.Drop:
                DeadLetter(pending);
                break;
        }
    }

    /// <summary>
    /// The message is handed out again from its first attempt, its retry budget starting over, as Redis's reclaim
    /// loop does with a pending message idle for processingTimeout. Redis would go on for ever; the fabric stops
    /// after <see cref="RedisReclaim.MaxReclaims"/> so a test cannot hang.
    /// </summary>
    private void Reclaim(Pending pending)
    {
        lock (_gate)
        {
            _reclaimed.Add(pending.Message);
            if (pending.Reclaims >= RedisReclaim.MaxReclaims)
            {
                return;
            }

            _pending.Add(pending with
            {
                Attempt = 1,
                Handling = TimeSpan.Zero,
                Reclaims = pending.Reclaims + 1,
                Activity = _fabric.Activity.Begin($"reclaimed {pending.Message.Topic} message {pending.Message.Id} for {pending.Subscription.AppId}"),
            });
            StartPumpIfIdle();
        }
    }

    private void DeadLetter(Pending pending)
    {
        if (pending.Subscription.DeadLetterTopic is not { Length: > 0 } deadLetterTopic)
        {
            return;
        }

        lock (_gate)
        {
            _deadLettered.Add(pending.Message);
        }

        // Dapr forwards the message itself, envelope unchanged, so its topic still names where it came from.
        Enqueue(pending.Subscription.PubSubName, deadLetterTopic, pending.Subscription.AppId, pending.Message.CloudEvent.DeepClone().AsObject());
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

    private void Record(Pending pending, string route, DeliveryOutcome outcome, int? status, string? detail)
    {
        lock (_gate)
        {
            _deliveries.Add(new DeliveryRecord(pending.Subscription.AppId, pending.Message.Topic, route, pending.Message, pending.Attempt, outcome, status, detail));
        }
    }

    private static string TraceParent() =>
        $"00-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..8])}-01";

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
        IDisposable Activity,
        TimeSpan Handling = default,
        int Reclaims = 0);
}
