namespace CloudPatterns.OrderService.Tests.DeadLetters;

/// <summary>Poison messages and exhausted ones: kept, listed with what is known about them, replayed on request.</summary>
public sealed class DeadLetterTests
{
    [Fact]
    public async Task APoisonMessageIsDroppedKeptWithItsReasonAndStaysPoisonWhenReplayed()
    {
        await using var shop = await ShopHost.StartAsync();

        await shop.Fabric.ClientFor(AppIds.OrderService).PublishByteEventAsync(Topics.PubSub, OrderSubmitted.Topic,
            Encoding.UTF8.GetBytes("""{"orderId":"o-broken","lines":"not a list"}"""), "application/json",
            new Dictionary<string, string> { ["cloudevent.id"] = "poison-1", ["cloudevent.type"] = "cloudpatterns.orders.submitted.v1" });
        await shop.Fabric.WaitForQuietAsync();

        var listed = Assert.Single((await shop.Orders.GetFromJsonAsync<List<DeadLetter>>("admin/dead-letters", JsonDefaults.Options))!);
        Assert.Equal("poison-1", listed.MessageId);
        Assert.Equal(OrderSubmitted.Topic, listed.Topic);
        Assert.Equal(1, listed.Attempts);
        Assert.Equal(AppIds.OrderService, listed.DroppedBy);
        Assert.Contains("malformed OrderSubmitted", listed.Reason, StringComparison.Ordinal);

        (await shop.Orders.PostAsync("admin/dead-letters/poison-1/replay", null)).EnsureSuccessStatusCode();
        await shop.Fabric.WaitForQuietAsync();

        var again = await shop.Orders.GetFromJsonAsync<DeadLetter>("admin/dead-letters/poison-1", JsonDefaults.Options);
        Assert.Equal(2, again!.Attempts);
        Assert.Equal(1, again.Replays);
        Assert.Empty(shop.Workflows.Instances);
        var replayed = shop.Fabric.PubSub.PublishedTo(OrderSubmitted.Topic)[^1].CloudEvent;
        Assert.Equal("cloudpatterns.orders.submitted.v1", replayed["type"]!.GetValue<string>());
        Assert.Equal("application/json", replayed["datacontenttype"]!.GetValue<string>());
        Assert.Single((await shop.Orders.GetFromJsonAsync<List<DeadLetter>>($"admin/dead-letters?topic={OrderSubmitted.Topic}", JsonDefaults.Options))!);
        Assert.Empty((await shop.Orders.GetFromJsonAsync<List<DeadLetter>>("admin/dead-letters?topic=orders.confirmed", JsonDefaults.Options))!);
    }

    [Fact]
    public async Task AMessageThatRanOutOfRetriesIsProcessedOnceWhenReplayedAfterTheFault()
    {
        await using var shop = await ShopHost.StartAsync();
        var orderStore = shop.Fabric.StateStore(DaprComponents.OrderStore);

        string orderId;
        using (shop.Fabric.PubSub.PauseDeliveriesTo(AppIds.OrderService))
        {
            orderId = await shop.SubmitAsync(OrderRequests.For());
            orderStore.Unavailable = true;
        }

        await shop.Fabric.WaitForQuietAsync();
        var deadLetter = Assert.Single((await shop.Orders.GetFromJsonAsync<List<DeadLetter>>("admin/dead-letters", JsonDefaults.Options))!);
        orderStore.Unavailable = false;

        (await shop.Orders.PostAsync($"admin/dead-letters/{deadLetter.MessageId}/replay", null)).EnsureSuccessStatusCode();
        await shop.Fabric.WaitForQuietAsync();
        (await shop.Orders.PostAsync($"admin/dead-letters/{deadLetter.MessageId}/replay", null)).EnsureSuccessStatusCode();
        await shop.Fabric.WaitForQuietAsync();

        Assert.Equal(OrderSubmitted.Topic, deadLetter.Topic);
        Assert.Null(deadLetter.Reason);
        Assert.Equal(OrderStatus.Confirmed, (await shop.ViewAsync(orderId)).Status);
        Assert.Equal(1, shop.Payments.ChargeCalls);
        Assert.Single(shop.Fabric.PubSub.PublishedTo(OrderConfirmed.Topic));
        Assert.Equal(2, (await shop.Orders.GetFromJsonAsync<DeadLetter>($"admin/dead-letters/{deadLetter.MessageId}", JsonDefaults.Options))!.Replays);
    }

    [Fact]
    public async Task AnUnknownDeadLetterIsNotFoundNamingItToReadOrToReplay()
    {
        await using var shop = await ShopHost.StartAsync();

        using var read = await shop.Orders.GetAsync("admin/dead-letters/nope");
        using var replay = await shop.Orders.PostAsync("admin/dead-letters/nope/replay", null);

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal("No dead letter nope.", (await read.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);
        Assert.Equal("No dead letter nope to replay.", (await replay.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task DeadLettersAreListedNewestFirstAndNoneIsAnEmptyList()
    {
        await using var shop = await ShopHost.StartAsync();
        var none = await shop.Orders.GetFromJsonAsync<List<DeadLetter>>("admin/dead-letters", JsonDefaults.Options);

        await DeliverDeadLetterAsync(shop, "older");
        await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(1));
        await DeliverDeadLetterAsync(shop, "newer");
        var listed = await shop.Orders.GetFromJsonAsync<List<DeadLetter>>("admin/dead-letters", JsonDefaults.Options);

        Assert.Empty(none!);
        Assert.Equal(["newer", "older"], listed!.Select(d => d.MessageId));
    }

    /// <summary>
    /// A replay keeps the sender, as daprd lets a publisher override it (cloudevent.source): analytics' routing rules
    /// match on it, and a payments.completed that came back from order-service would be counted nowhere.
    /// </summary>
    [Fact]
    public async Task AReplayKeepsTheContentTypeAndTheSenderAndTheKeptRecordNamesThePubSub()
    {
        await using var shop = await ShopHost.StartAsync();
        Assert.Equal("SUCCESS", await DeliverDeadLetterAsync(shop, "plain-1", "not JSON", "text/plain", "example.plain.v1", new Dictionary<string, string>
        {
            ["Cloudevent.topic"] = "plain.things",
            ["Cloudevent.pubsubname"] = Topics.PubSub,
            ["Cloudevent.source"] = "some-app",
        }));

        var kept = await shop.Orders.GetFromJsonAsync<DeadLetter>("admin/dead-letters/plain-1", JsonDefaults.Options);
        (await shop.Orders.PostAsync("admin/dead-letters/plain-1/replay", null)).EnsureSuccessStatusCode();

        Assert.Equal(Topics.PubSub, kept!.PubSubName);
        Assert.Equal("some-app", kept.Source);
        var replayed = Assert.Single(shop.Fabric.PubSub.PublishedTo("plain.things"));
        Assert.StartsWith("text/plain", replayed.CloudEvent["datacontenttype"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("not JSON", replayed.Data!.GetValue<string>());
        Assert.Equal("some-app", replayed.CloudEvent["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task ANoteThatIsNotJsonIsDroppedAndKeepsNothing()
    {
        await using var shop = await ShopHost.StartAsync();

        var status = await DeliverDeadLetterAsync(shop, "note-1", "{ not JSON", type: EventTypes.Of<DeadLetterNote>().CloudEventType);

        Assert.Equal("DROP", status);
        Assert.Empty((await shop.Orders.GetFromJsonAsync<List<DeadLetter>>("admin/dead-letters", JsonDefaults.Options))!);
    }

    [Fact]
    public async Task ADeadLetterThatCannotBeKeptRightNowIsAskedForAgainAndOneWithoutAnIdIsDropped()
    {
        await using var shop = await ShopHost.StartAsync();
        var queryStore = shop.Fabric.StateStore(DaprComponents.OrderQueryStore);

        queryStore.Unavailable = true;
        var whileTheStoreIsDown = await DeliverDeadLetterAsync(shop, "lost-1");
        queryStore.Unavailable = false;
        var redelivered = await DeliverDeadLetterAsync(shop, "lost-1");
        var withoutAnId = await DeliverDeadLetterAsync(shop, messageId: null);

        Assert.Equal(["RETRY", "SUCCESS", "DROP"], [whileTheStoreIsDown, redelivered, withoutAnId]);
        var kept = Assert.Single((await shop.Orders.GetFromJsonAsync<List<DeadLetter>>("admin/dead-letters", JsonDefaults.Options))!);
        Assert.Equal("lost-1", kept.MessageId);
        Assert.Equal(OrderSubmitted.Topic, kept.Topic);
        Assert.Equal(1, kept.Attempts);
    }

    /// <summary>
    /// A storm of poison messages: every one is kept and listed, a page at a time, and no index document grows past a
    /// page (a real store refuses an item over 400 KB, and the dead letters after it would all be lost).
    /// </summary>
    [Fact]
    public async Task MoreDeadLettersThanAPageAreAllKeptAndListedPageByPageNewestFirst()
    {
        await using var shop = await ShopHost.StartAsync();
        var total = DeadLetterStore.PageSize + 5;
        for (var i = 1; i <= total; i++)
        {
            Assert.Equal("SUCCESS", await DeliverDeadLetterAsync(shop, $"storm-{i}"));
            await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromSeconds(1));
        }

        var pages = await PagesAsync(shop, 3);

        Assert.Equal(["storm-105", "storm-104", "storm-103", "storm-102", "storm-101"], pages[0]);
        Assert.Equal(Enumerable.Range(1, DeadLetterStore.PageSize).Reverse().Select(i => $"storm-{i}"), pages[1]);
        Assert.Empty(pages[2]);
        var indexes = shop.Fabric.StateStore(DaprComponents.OrderQueryStore).Snapshot($"{AppIds.OrderService}||deadletters-index");
        Assert.Equal(2, indexes.Count);
        Assert.All(indexes.Values, ids => Assert.True(JsonSerializer.Deserialize<List<string>>(ids)!.Count <= DeadLetterStore.PageSize));
    }

    [Theory]
    [InlineData("0", "must be 1 or more")]
    [InlineData("abc", "must be a whole number (got 'abc')")]
    public async Task APageBeforeTheFirstOrNotANumberIsABadRequestNamingIt(string page, string message) =>
        Assert.Equal([message], await BadRequests.AssertQueryRefusedAsync($"admin/dead-letters?page={page}", "page"));

    /// <summary>
    /// Dead letters kept by an earlier version, in its single index document: listed at once after the upgrade, cut into
    /// pages like the rest (that index may hold thousands), and after the newer ones once there are some.
    /// </summary>
    [Fact]
    public async Task DeadLettersOfTheEarlierSingleIndexAreListedAPageAtATimeAfterTheNewerOnes()
    {
        await using var shop = await ShopHost.StartAsync();
        var dapr = shop.OrderApp.Services.GetRequiredService<DaprClient>();
        var partition = StateOperations.Partition("deadletters");
        var earlier = Enumerable.Range(1, DeadLetterStore.PageSize + 20).Select(i => $"earlier-{i}").ToList();
        foreach (var (id, i) in earlier.Select((id, i) => (id, i)))
        {
            var seen = shop.Fabric.Time.GetUtcNow().AddDays(-1).AddSeconds(i);
            await dapr.SaveStateAsync(DaprComponents.OrderQueryStore, $"deadletter:{id}",
                new DeadLetter(id, OrderSubmitted.Topic, null, null, null, null, null, null, null, seen, seen, 1, 0, null), metadata: partition);
        }

        await dapr.SaveStateAsync(DaprComponents.OrderQueryStore, "deadletters-index", earlier, metadata: partition);

        var afterTheUpgrade = await PagesAsync(shop, 3);
        await DeliverDeadLetterAsync(shop, "later-1");
        var withANewerOne = await PagesAsync(shop, 4);

        Assert.Equal(earlier[20..].AsEnumerable().Reverse(), afterTheUpgrade[0]);
        Assert.Equal(earlier[..20].AsEnumerable().Reverse(), afterTheUpgrade[1]);
        Assert.Empty(afterTheUpgrade[2]);
        Assert.Equal(["later-1"], withANewerOne[0]);
        Assert.Equal(afterTheUpgrade[0], withANewerOne[1]);
        Assert.Equal(afterTheUpgrade[1], withANewerOne[2]);
        Assert.Empty(withANewerOne[3]);
    }

    /// <summary>
    /// New dead letters sent at once across the end of a page, the new page's head written with its answer lost: each is
    /// listed once. (The fabric serves them one after another; the lost races themselves are the contended-page tests'.)
    /// </summary>
    [Fact]
    public async Task DeadLettersSentAtOnceAcrossTheEndOfAPageAreEachListedOnce()
    {
        await using var shop = await ShopHost.StartAsync();
        for (var i = 1; i <= DeadLetterStore.PageSize - 2; i++)
        {
            await DeliverDeadLetterAsync(shop, $"calm-{i}");
        }

        shop.Fabric.StateStore(DaprComponents.OrderQueryStore).LoseNextAnswer("deadletters-head");
        var statuses = await Task.WhenAll(Enumerable.Range(1, 6).Select(i => DeliverDeadLetterAsync(shop, $"rush-{i}")));
        var redelivered = new List<string>();
        foreach (var (status, i) in statuses.Select((status, i) => (status, i + 1)).Where(s => s.status != "SUCCESS"))
        {
            redelivered.Add(await DeliverDeadLetterAsync(shop, $"rush-{i}"));
        }

        var listed = (await PagesAsync(shop, 3)).SelectMany(p => p).ToList();

        Assert.All(redelivered, status => Assert.Equal("SUCCESS", status));
        Assert.Equal(DeadLetterStore.PageSize + 4, listed.Count);
        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.All(Enumerable.Range(1, 6), i => Assert.Contains($"rush-{i}", listed));
    }

    /// <summary>Another dead letter took the page first, once: this one reads it again and is kept in the same delivery.</summary>
    [Fact]
    public async Task ADeadLetterThatLosesTheRaceForThePageOnceIsKeptAtOnce()
    {
        await using var shop = await ShopHost.StartAsync();
        await DeliverDeadLetterAsync(shop, "first");
        string status;
        using (shop.Fabric.StateStore(DaprComponents.OrderQueryStore).Contend("deadletters-index:1", times: 1))
        {
            status = await DeliverDeadLetterAsync(shop, "second");
        }

        Assert.Equal("SUCCESS", status);
        Assert.Equal(["first", "second"], (await PagesAsync(shop, 2)).SelectMany(p => p).Order());
    }

    /// <summary>Other dead letters keep taking the page first: this one is asked for again, and then listed once.</summary>
    [Fact]
    public async Task ADeadLetterThatKeepsLosingThePageIsAskedForAgainAndThenListedOnce()
    {
        await using var shop = await ShopHost.StartAsync();
        await DeliverDeadLetterAsync(shop, "first");
        string whileContended;
        using (shop.Fabric.StateStore(DaprComponents.OrderQueryStore).Contend("deadletters-index:1"))
        {
            whileContended = await DeliverDeadLetterAsync(shop, "second");
        }

        var redelivered = await DeliverDeadLetterAsync(shop, "second");

        Assert.Equal("RETRY", whileContended);
        Assert.Equal("SUCCESS", redelivered);
        Assert.Equal(["first", "second"], (await PagesAsync(shop, 2)).SelectMany(p => p).Order());
    }

    /// <summary>The store kept a dead letter but the answer was lost: what it holds is what was meant, not counted twice.</summary>
    [Fact]
    public async Task ADeadLetterWhoseWriteAnswerWasLostIsCountedOnce()
    {
        await using var shop = await ShopHost.StartAsync();
        shop.Fabric.StateStore(DaprComponents.OrderQueryStore).LoseNextAnswer("deadletter:lost-answer");

        var status = await DeliverDeadLetterAsync(shop, "lost-answer");

        Assert.Equal("SUCCESS", status);
        var kept = await shop.Orders.GetFromJsonAsync<DeadLetter>("admin/dead-letters/lost-answer", JsonDefaults.Options);
        Assert.Equal(1, kept!.Attempts);
        Assert.Equal(["lost-answer"], (await PagesAsync(shop, 1))[0]);
    }

    private static async Task<List<List<string>>> PagesAsync(ShopHost shop, int count)
    {
        var pages = new List<List<string>>();
        for (var page = 1; page <= count; page++)
        {
            var listed = await shop.Orders.GetFromJsonAsync<List<DeadLetter>>($"admin/dead-letters?page={page}", JsonDefaults.Options);
            pages.Add(listed!.Select(d => d.MessageId).ToList());
        }

        return pages;
    }

    /// <summary>
    /// A message as daprd forwards it to the deadletters topic: the body as it was, the CloudEvent's fields as headers
    /// (by default an orders.submitted event's). Returns the status the subscription answers.
    /// </summary>
    private static async Task<string> DeliverDeadLetterAsync(
        ShopHost shop, string? messageId, string body = """{"orderId":"o-1"}""", string contentType = "application/json",
        string type = "cloudpatterns.orders.submitted.v1", IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"events/{Topics.DeadLetters}")
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        if (messageId is not null)
        {
            request.Headers.Add("Cloudevent.id", messageId);
        }

        request.Headers.Add("Cloudevent.type", type);
        foreach (var (name, value) in headers ?? new Dictionary<string, string> { ["Cloudevent.topic"] = OrderSubmitted.Topic })
        {
            request.Headers.Add(name, value);
        }

        using var response = await shop.Orders.SendAsync(request);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>();
    }
}
