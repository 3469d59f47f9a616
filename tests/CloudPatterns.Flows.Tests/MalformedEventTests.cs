namespace CloudPatterns.Flows.Tests;

/// <summary>
/// Every route every service subscribed, fed what a broken or hostile publisher could send. Each answer must be
/// DROP: not SUCCESS (the event would be lost without a trace) and not a failure or RETRY (Dapr would redeliver
/// a message that can never succeed until it gives up). A dropped event with an id leaves a note with its reason.
/// </summary>
public sealed class MalformedEventTests
{
    [Fact]
    public async Task EverySubscriberDropsWhatItCannotReadAndNotesWhy()
    {
        await using var system = await SystemHost.StartAsync();
        // Two routes take anything by design: the dead-letter keeper (where the unreadable ends up) and the analytics
        // pipeline's default route (what its rules filter out is acknowledged and counted, never read).
        var routes = system.Fabric.PubSub.Subscriptions
            .Where(s => s.Topic != Topics.DeadLetters)
            .SelectMany(s => s.Rules.Select(r => r.Path).Append(s.DefaultRoute).OfType<string>().Select(route => (s.AppId, s.Topic, Route: route)))
            .Where(r => r.Route != AnalyticsRoutes.Unrouted)
            .Distinct()
            .ToList();
        Assert.Contains(routes, r => r.AppId == AppIds.ImageProcessor);
        Assert.Contains(routes, r => r.AppId == AppIds.AnalyticsService);

        var wrong = new List<string>();
        var expectedNotes = new List<string>();
        foreach (var (appId, topic, route) in routes)
        {
            var type = EventTypes.All.Values.FirstOrDefault(e => e.Topic == topic)?.CloudEventType ?? $"cloudpatterns.{topic}.v1";
            foreach (var (name, request, messageId) in Malformed(topic, type, route, $"{appId}{route}".Replace('/', '.')))
            {
                using var client = system.Fabric.App(appId).CreateSidecarClient();
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var status = response.IsSuccessStatusCode ? JsonNode.Parse(body)?["status"]?.GetValue<string>() : null;
                if (status != "DROP")
                {
                    wrong.Add($"{appId} {route} {name}: {(int)response.StatusCode} {body}");
                }
                else if (messageId is not null)
                {
                    expectedNotes.Add(messageId);
                }
            }
        }

        await system.Fabric.WaitForQuietAsync();
        Assert.Empty(wrong);
        var noted = system.Fabric.PubSub.PublishedTo(Topics.DeadLetters).Select(m => m.DataAs<DeadLetterNote>()).ToList();
        Assert.Empty(expectedNotes.Except(noted.Select(n => n.MessageId)));
        Assert.All(noted, note => Assert.False(string.IsNullOrWhiteSpace(note.Reason)));
        Assert.DoesNotContain(system.Fabric.PubSub.Published, m => m.Topic != Topics.DeadLetters);
    }

    /// <summary>
    /// Publishers leave a null field out (JSON written without nulls) and subscribers read events strictly (a missing
    /// constructor parameter is an error), so every field a contract allows to be null must have a default: otherwise an
    /// event without it - a payment whose card digits the provider did not give - is dropped as malformed everywhere.
    /// </summary>
    [Fact]
    public void EveryFieldAnEventMayLeaveOutHasADefault()
    {
        var nullability = new NullabilityInfoContext();
        var withoutDefault = EventTypes.All.Keys
            .SelectMany(type => type.GetConstructors().MaxBy(c => c.GetParameters().Length)!.GetParameters().Select(p => (type, p)))
            .Where(x => nullability.Create(x.p).WriteState == NullabilityState.Nullable && !x.p.HasDefaultValue)
            .Select(x => $"{x.type.Name}.{x.p.Name}")
            .ToList();

        Assert.Empty(withoutDefault);
    }

    /// <summary>
    /// Real events from real orders (shipped, declined, rejected, refunded, an image processed), published again with
    /// one field changed: each number made negative, each text a megabyte long. Every subscriber must drop each one.
    /// </summary>
    [Fact]
    public async Task AnEventWithAnyOneFieldNegativeOrAMegabyteLongIsDropped()
    {
        await using var system = await SystemHost.StartAsync();
        var shipped = await system.PlaceOrderAsync(OrderRequests.For("ada", "tok_visa", ("MUG-CLASSIC-350", 2)));
        await system.PlaceOrderAsync(OrderRequests.For("grace", "tok_declined", ("LAMP-DESK-LED", 1)));
        await system.PlaceOrderAsync(OrderRequests.For("alan", "tok_visa", ("POSTER-LIMITED", (await system.StockAsync("POSTER-LIMITED")).Available + 1)));
        using (system.Fabric.PubSub.PauseDeliveriesTo(AppIds.ProductService))
        {
            using var placed = await system.Client(AppIds.OrderService).PostAsJsonAsync("orders", OrderRequests.For("bob", "tok_visa", ("LAMP-DESK-LED", 1)));
            var orderId = (await placed.Content.ReadFromJsonAsync<JsonObject>())!["orderId"]!.GetValue<string>();
            await system.Fabric.WaitForQuietAsync();
            using var cancelled = await system.Client(AppIds.OrderService).PostAsJsonAsync($"orders/{orderId}/cancel", new { reason = "changed my mind" });
            await system.Fabric.WaitForQuietAsync();
        }

        using var refund = await system.Client(AppIds.PaymentService).PostAsJsonAsync($"orders/{shipped}/payment/refund", new { reason = "returned" });
        using var upload = await system.Client(AppIds.ProductService).PostAsync("products/LAMP-DESK-LED/images", new ByteArrayContent(Png()));
        await system.Fabric.WaitForQuietAsync();
        Assert.True(refund.IsSuccessStatusCode && upload.IsSuccessStatusCode);

        var subscribed = system.Fabric.PubSub.Subscriptions.Select(s => s.Topic).Where(t => t != Topics.DeadLetters).ToHashSet();
        var samples = system.Fabric.PubSub.Published.Where(m => subscribed.Contains(m.Topic)).GroupBy(m => m.Topic).Select(g => g.First()).ToList();
        Assert.Equal(subscribed.Order(), samples.Select(m => m.Topic).Order());

        var published = new List<(string Id, string Change)>();
        foreach (var sample in samples)
        {
            var data = sample.CloudEvent["data"]!.DeepClone(); // detached, so paths start at the event: $.lines[0].quantity
            var contract = EventTypes.All.Single(e => e.Value.Topic == sample.Topic).Key;
            foreach (var (path, change) in Mutations(data))
            {
                var id = Guid.NewGuid().ToString();
                var mutated = data.DeepClone();
                change(mutated);
                if (!IsRead(contract, data, mutated))
                {
                    continue; // a derived value the publisher writes for readers' convenience (correlationId, lineTotal)
                }

                await system.Fabric.ClientFor(sample.PublisherAppId).PublishEventAsync(Topics.PubSub, sample.Topic, mutated, new Dictionary<string, string>
                {
                    ["cloudevent.id"] = id,
                    ["cloudevent.type"] = sample.CloudEvent["type"]!.GetValue<string>(),
                });
                published.Add((id, $"{sample.Topic} {path}"));
            }
        }

        await system.Fabric.WaitForQuietAsync(TimeSpan.FromSeconds(120));
        var deliveries = system.Fabric.PubSub.Deliveries.ToLookup(d => d.Message.CloudEvent["id"]!.GetValue<string>());
        var taken = published
            .SelectMany(p => deliveries[p.Id].Where(d => d.Topic != Topics.DeadLetters && d.Outcome != DeliveryOutcome.Drop).Select(d => $"{p.Change} -> {d.AppId} {d.Route}: {d.Outcome} {d.StatusCode}"))
            .ToList();
        Assert.True(published.Count > 50, $"only {published.Count} changed events");
        Assert.All(published, p => Assert.NotEmpty(deliveries[p.Id]));
        Assert.True(taken.Count == 0, string.Join("\n", taken));
    }

    /// <summary>Whether the change reaches the event a subscriber reads (a computed property is written but never read).</summary>
    private static bool IsRead(Type contract, JsonNode original, JsonNode changed)
    {
        try
        {
            return RoundTrip(contract, changed) != RoundTrip(contract, original);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or OverflowException or InvalidOperationException)
        {
            return true;
        }

        static string RoundTrip(Type contract, JsonNode data) =>
            JsonSerializer.Serialize(JsonSerializer.Deserialize(data, contract, JsonDefaults.Options), contract, JsonDefaults.Options);
    }

    /// <summary>One change per field of the event: a number made negative, a text made a megabyte long.</summary>
    private static IEnumerable<(string Path, Action<JsonNode> Change)> Mutations(JsonNode data)
    {
        var megabyte = new string('x', 1 << 20);
        foreach (var leaf in Leaves(data))
        {
            var path = leaf.GetPath();
            switch (leaf.GetValueKind())
            {
                case JsonValueKind.Number:
                    yield return (path + " negative", root => Replace(root, path, JsonValue.Create(-1)));
                    break;
                case JsonValueKind.String:
                    yield return (path + " a megabyte", root => Replace(root, path, JsonValue.Create(megabyte)));
                    break;
            }
        }
    }

    private static IEnumerable<JsonNode> Leaves(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Leaves(p.Value)),
        JsonArray a => a.SelectMany(Leaves),
        JsonValue v => [v],
        _ => [],
    };

    private static void Replace(JsonNode root, string path, JsonNode value)
    {
        var target = Leaves(root).Single(l => l.GetPath() == path);
        switch (target.Parent)
        {
            case JsonObject parent:
                parent[target.GetPropertyName()] = value;
                break;
            case JsonArray list:
                list[target.GetElementIndex()] = value;
                break;
        }
    }

    private static byte[] Png()
    {
        using var bitmap = new SkiaSharp.SKBitmap(800, 600);
        bitmap.Erase(SkiaSharp.SKColors.Teal);
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        return image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100).ToArray();
    }

    /// <summary>Structured envelopes with data that is not the event, unreadable envelopes, and binary-mode deliveries.</summary>
    private static IEnumerable<(string Name, HttpRequestMessage Request, string? MessageId)> Malformed(string topic, string type, string route, string idPrefix)
    {
        var deep = string.Concat(Enumerable.Repeat("[", 200)) + string.Concat(Enumerable.Repeat("]", 200));
        var structured = new (string Name, Action<JsonObject> Change)[]
        {
            ("no data", e => e.Remove("data")),
            ("null data", e => e["data"] = null),
            ("empty object", e => e["data"] = new JsonObject()),
            ("text", e => e["data"] = "an order, probably"),
            ("a list", e => e["data"] = new JsonArray(1, 2, 3)),
            ("wrong kinds", e => e["data"] = new JsonObject { ["eventId"] = 42, ["occurredAt"] = "yesterday", ["orderId"] = true, ["customerId"] = new JsonArray() }),
            ("unknown id kind", e => e["data"] = new JsonObject { ["eventId"] = "not-a-guid", ["occurredAt"] = "2025-06-01T09:00:00Z" }),
            ("base64 that is not", e => { e.Remove("data"); e["data_base64"] = "!!!"; }),
            ("base64 of half a JSON", e => { e.Remove("data"); e["data_base64"] = Convert.ToBase64String("{\"eventId\":"u8.ToArray()); }),
            ("nested too deep", e => { e.Remove("data"); e["data_base64"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(deep)); }),
        };

        foreach (var (name, change) in structured)
        {
            var id = $"{idPrefix}.{name.Replace(' ', '-')}";
            var envelope = CloudEvents.Envelope(topic, type, id, null);
            change(envelope);
            yield return (name, CloudEvents.Post(route, envelope.ToJsonString()), id);
        }

        yield return ("an envelope that is not JSON", CloudEvents.Post(route, "this is not json"), null);
        yield return ("an envelope that is a list", CloudEvents.Post(route, "[]"), null);

        foreach (var (name, body) in new[] { ("binary mode, empty object", "{}"), ("binary mode, not JSON", "<order/>") })
        {
            var id = $"{idPrefix}.{name.Replace(' ', '-').Replace(",", "")}";
            yield return (name, CloudEvents.PostBinary(route, topic, type, id, body, source: "somewhere"), id);
        }
    }
}
