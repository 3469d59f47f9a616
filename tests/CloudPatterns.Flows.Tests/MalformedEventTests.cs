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
    /// Every field of every event, and of each item in its lists, declares the rule it is judged by: a field without one
    /// would let a blank or a megabyte through to the handlers. The envelope (event id, when it occurred) is checked for all.
    /// </summary>
    [Fact]
    public void EveryFieldOfAnEventDeclaresItsRule()
    {
        var withoutRule = EventTypes.All.Keys
            .SelectMany(type => FieldsOf(type).Where(p => p.Name is not (nameof(IIntegrationEvent.EventId) or nameof(IIntegrationEvent.OccurredAt))))
            .SelectMany(p => p.GetCustomAttribute<ItemsAttribute>() is null
                ? [p]
                : FieldsOf(p.PropertyType.GetGenericArguments().Single()))
            .Where(p => p.GetCustomAttribute<EventFieldAttribute>() is null)
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .Distinct()
            .ToList();

        Assert.Empty(withoutRule);

        static IEnumerable<PropertyInfo> FieldsOf(Type type) =>
            type.GetConstructors().MaxBy(c => c.GetParameters().Length)!.GetParameters().Select(p => type.GetProperty(p.Name!)!);
    }

    [Fact]
    public void EveryEventAsAPublisherWritesItBreaksNoRule()
    {
        Assert.Equal(EventTypes.All.Keys.Select(t => t.Name).Order(), s_validEvents.Keys.Order());
        Assert.All(s_validEvents.Values, e => Assert.Empty(EventValidation.Problems(e)));
    }

    [Fact]
    public void TheLargestValuesTheRulesAllowAreAccepted()
    {
        var largest = Valid<OrderConfirmed>() with
        {
            OrderId = new string('o', EventValidation.MaxIdLength),
            Lines = [new PricedOrderLine("MUG", new string('n', EventValidation.MaxTextLength), EventValidation.MaxQuantity, new Money(0m, "EUR"))],
            Total = new Money(1_000_000_000m, "EUR"),
        };

        Assert.Empty(EventValidation.Problems(largest));
    }

    [Theory]
    [MemberData(nameof(BrokenEvents))]
    public void AnEventThatBreaksARuleIsRefusedNamingTheFieldAndTheRule(IIntegrationEvent integrationEvent, string[] problems) =>
        Assert.Equal(problems, EventValidation.Problems(integrationEvent));

    /// <summary>One event of each contract as its publisher writes it, to break one rule at a time.</summary>
    private static readonly Dictionary<string, IIntegrationEvent> s_validEvents = new IIntegrationEvent[]
    {
        new DeadLetterNote(Guid.NewGuid(), DateTimeOffset.UnixEpoch, "msg-1", OrderCreated.Topic, AppIds.ProductService, "invalid OrderCreated"),
        new ImageProcessed(Guid.NewGuid(), DateTimeOffset.UnixEpoch, "u-1", "MUG", [new ImageVariant(320, 240, "mug/u-1/320.webp")]),
        new ImageUploaded(Guid.NewGuid(), DateTimeOffset.UnixEpoch, "u-1", "MUG", "mug/u-1/original", "image/png"),
        new InventoryInsufficient(Guid.NewGuid(), DateTimeOffset.UnixEpoch, "o-1", [new StockShortage("MUG", 3, 0)], "c-1"),
        new InventoryReserved(Guid.NewGuid(), DateTimeOffset.UnixEpoch, "o-1", [new OrderLine("MUG", 1)], DateTimeOffset.UnixEpoch.AddMinutes(15)),
        new OrderCancelled(Guid.NewGuid(), DateTimeOffset.UnixEpoch, "o-1", "c-1", "changed my mind", [new OrderLine("MUG", 1)], "p-1"),
        new OrderConfirmed(Guid.NewGuid(), DateTimeOffset.UnixEpoch, "o-1", "c-1", [new PricedOrderLine("MUG", "Mug", 2, new Money(5m, "EUR"))], new Money(10m, "EUR"), "p-1"),
        new OrderCreated(Guid.NewGuid(), DateTimeOffset.UnixEpoch, "o-1", "c-1", [new OrderLine("MUG", 2)], new Money(10m, "EUR")),
        new OrderProgressed(Guid.NewGuid(), DateTimeOffset.UnixEpoch, "o-1", "c-1", OrderStatus.Validating),
        new OrderRejected(Guid.NewGuid(), DateTimeOffset.UnixEpoch, "o-1", "c-1", OrderStatus.Rejected, RejectionReasons.OutOfStock, [new OrderLine("MUG", 3)],
            "MUG: 3 wanted, 0 left", [new StockShortage("MUG", 3, 0)]),
        new OrderSubmitted(Guid.NewGuid(), DateTimeOffset.UnixEpoch, "o-1", "c-1", "EUR", [new OrderLine("MUG", 2)]),
        new PaymentCompleted(Guid.NewGuid(), DateTimeOffset.UnixEpoch, "o-1", "p-1", new Money(0.01m, "EUR"), "4242", "c-1"),
        new PaymentFailed(Guid.NewGuid(), DateTimeOffset.UnixEpoch, "o-1", "p-1", new Money(10m, "EUR"), "declined", "c-1"),
        new PaymentRefunded(Guid.NewGuid(), DateTimeOffset.UnixEpoch, "o-1", "p-1", "r-1", new Money(4m, "EUR"), new Money(0m, "EUR"), "c-1"),
        new ShipmentDispatched(Guid.NewGuid(), DateTimeOffset.UnixEpoch, "o-1", "s-1", "ParcelCo", "PC123", "c-1"),
    }.ToDictionary(e => e.GetType().Name);

    public static TheoryData<IIntegrationEvent, string[]> BrokenEvents()
    {
        var tooLongId = new string('x', EventValidation.MaxIdLength + 1);
        var eur = new Money(10m, "EUR");
        return new()
        {
            { Valid<OrderCreated>() with { EventId = Guid.Empty, OccurredAt = default }, ["EventId is required", "OccurredAt is required"] },
            {
                Valid<OrderCreated>() with { OrderId = " ", Lines = [new OrderLine("MUG", 0), new OrderLine("MUG\n", 1)], Total = new Money(10.001m, "EUR") },
                [
                    "OrderId is required",
                    "Lines[0].Quantity must be between 1 and 10000; Lines[1].Sku must be at most 200 printable characters",
                    "Total.Amount must be in whole minor units of EUR (2 decimal places)",
                ]
            },
            { Valid<OrderCreated>() with { Lines = [], Total = new Money(10m, "JPY") }, ["Lines must contain at least one item", "Total.Currency must be one of EUR, GBP, USD"] },
            { Valid<OrderCreated>() with { Lines = [null!] }, ["Lines[0] is required"] },
            { Valid<DeadLetterNote>() with { MessageId = "", Topic = tooLongId, App = "order\u0000service", Reason = " " },
                ["MessageId is required", $"Topic must be at most {EventValidation.MaxIdLength} printable characters", "App must be at most 200 printable characters", "Reason is required"] },
            { Valid<OrderCancelled>() with { Reason = new string('x', 2001), PaymentId = tooLongId },
                ["Reason must be at most 2000 characters", "PaymentId must be at most 200 printable characters"] },
            { Valid<OrderConfirmed>() with { Lines = [new PricedOrderLine("MUG", "", 10_001, new Money(-1m, "EUR"))], Total = new Money(1_000_000_000.01m, "EUR") },
                [
                    "Lines[0].Name is required; Lines[0].Quantity must be between 1 and 10000; Lines[0].UnitPrice.Amount must be between 0 and 1000000000",
                    "Total.Amount must be between 0 and 1000000000",
                ] },
            { Valid<PaymentCompleted>() with { Amount = new Money(0m, "EUR"), CardLast4 = "12a4" }, ["Amount.Amount must be between 0.01 and 1000000000", "CardLast4 must be 4 digits"] },
            { Valid<PaymentCompleted>() with { CardLast4 = "" }, ["CardLast4 must be 4 digits"] },
            { Valid<PaymentFailed>() with { Amount = null!, Reason = "", CustomerId = tooLongId }, ["Amount is required", "Reason is required", "CustomerId must be at most 200 printable characters"] },
            { Valid<PaymentRefunded>() with { Remaining = new Money(0m, "USD") }, ["Remaining must be in the currency of Amount"] },
            { Valid<OrderProgressed>() with { Status = OrderStatus.Confirmed }, ["Status must be one of Validating, ProcessingPayment"] },
            { Valid<OrderRejected>() with { Status = (OrderStatus)99, Detail = new string('x', 2001), Shortages = [new StockShortage("MUG", 0, -1)] },
                [
                    "Status must be one of Rejected, PaymentFailed",
                    "Detail must be at most 2000 characters",
                    "Shortages[0].Requested must be between 1 and 10000; Shortages[0].Available must be between 0 and 2147483647",
                ] },
            { Valid<OrderSubmitted>() with { Currency = "eur" }, ["Currency must be one of EUR, GBP, USD"] },
            { Valid<InventoryReserved>() with { HeldUntil = default }, ["HeldUntil is required"] },
            { Valid<ImageUploaded>() with { ContentType = "image/gif" }, ["ContentType must be one of image/jpeg, image/png, image/webp"] },
            { Valid<ImageProcessed>() with { Variants = [new ImageVariant(0, 100_001, " ")] },
                ["Variants[0].Width must be between 1 and 100000; Variants[0].Height must be between 1 and 100000; Variants[0].Key is required"] },
            { Valid<InventoryInsufficient>() with { Shortages = [], CustomerId = " " }, ["Shortages must contain at least one item"] },
            { Valid<ShipmentDispatched>() with { ShipmentId = tooLongId, TrackingNumber = "" },
                ["ShipmentId must be at most 200 printable characters", "TrackingNumber is required"] },
        };
    }

    private static T Valid<T>() where T : IIntegrationEvent => (T)s_validEvents[typeof(T).Name];

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
