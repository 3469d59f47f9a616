namespace CloudPatterns.Testing.Tests.PubSub;

/// <summary>Dapr's HTTP subscriber contract, answer by answer.</summary>
public sealed class DeliveryRuleTests
{
    private readonly DaprTestFabric _fabric = new(TestComponents.PubSubAndStore("publisher", "subscriber", "keeper").WithInboundRetries(3));

    [Theory]
    [InlineData("SUCCESS", DeliveryOutcome.Success)]
    [InlineData("success", DeliveryOutcome.Success)]
    [InlineData("", DeliveryOutcome.Success)]
    public async Task ASuccessfulAnswerEndsDelivery(string status, DeliveryOutcome outcome)
    {
        await using var subscriber = await StartSubscriberAsync(_ => string.IsNullOrEmpty(status) ? Results.Ok() : ProbeSubscriber.Status(status));

        await PublishAsync();

        var delivery = Assert.Single(_fabric.PubSub.Deliveries, d => d.AppId == "subscriber");
        Assert.Equal(outcome, delivery.Outcome);
        Assert.Empty(_fabric.PubSub.DeadLettered);
    }

    [Fact]
    public async Task DropIsNotRedeliveredButGoesToTheDeadLetterTopicAsTheOriginalMessage()
    {
        await using var subscriber = await StartSubscriberAsync(_ => ProbeSubscriber.Status("DROP"));
        var (keeperApp, keeper) = await ProbeSubscriber.StartAsync(_fabric, "keeper", ("dead", "/dead", _ => ProbeSubscriber.Status("SUCCESS"), null));
        await using var _ = keeperApp;

        var published = await PublishAsync();

        Assert.Single(_fabric.PubSub.Deliveries, d => d.AppId == "subscriber");
        var deadLetter = Assert.Single(keeper.Received).Envelope;
        Assert.Equal(published.Id, deadLetter["id"]!.GetValue<string>());
        Assert.Equal("orders", deadLetter["topic"]!.GetValue<string>());
        Assert.Equal("o-1", deadLetter["data"]!["orderId"]!.GetValue<string>());
    }

    [Fact]
    public async Task NotFoundIsDroppedWithoutDeadLettering()
    {
        await using var subscriber = await StartSubscriberAsync(_ => Results.NotFound());

        await PublishAsync();

        Assert.Equal(DeliveryOutcome.NotFound, Assert.Single(_fabric.PubSub.Deliveries).Outcome);
        Assert.Empty(_fabric.PubSub.DeadLettered);
    }

    [Theory]
    [InlineData("RETRY")]
    [InlineData("500")]
    [InlineData("throw")]
    [InlineData("UNKNOWN-STATUS")]
    public async Task FailuresAreRedeliveredUpToTheBudgetThenDeadLettered(string answer)
    {
        await using var subscriber = await StartSubscriberAsync(_ => answer switch
        {
            "500" => Results.StatusCode(500),
            "throw" => throw new InvalidOperationException("handler bug"),
            _ => ProbeSubscriber.Status(answer),
        });

        await PublishAsync();

        var attempts = _fabric.PubSub.Deliveries.Where(d => d.AppId == "subscriber").ToList();
        Assert.Equal(_fabric.Resiliency.ComponentInbound("subscriber", "pubsub").Retry!.MaxAttempts, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(DeliveryOutcome.Retry, a.Outcome));
        Assert.Equal([1, 2, 3, 4], attempts.Select(a => a.Attempt));
        Assert.Single(_fabric.PubSub.DeadLettered);
    }

    [Fact]
    public async Task ARetriedMessageSucceedsWhenTheSubscriberRecovers()
    {
        var calls = 0;
        await using var subscriber = await StartSubscriberAsync(_ => ++calls < 3 ? ProbeSubscriber.Status("RETRY") : ProbeSubscriber.Status("SUCCESS"));

        await PublishAsync();

        Assert.Equal(
            [DeliveryOutcome.Retry, DeliveryOutcome.Retry, DeliveryOutcome.Success],
            _fabric.PubSub.Deliveries.Select(d => d.Outcome));
        Assert.Empty(_fabric.PubSub.DeadLettered);
    }

    [Fact]
    public async Task TheEnvelopeCarriesTheCloudEventAttributesTheSidecarSets()
    {
        var (app, probe) = await ProbeSubscriber.StartAsync(_fabric, "subscriber", ("orders", "/orders", _ => ProbeSubscriber.Status("SUCCESS"), "dead"));
        await using var _ = app;

        await _fabric.ClientFor("publisher").PublishEventAsync("pubsub", "orders", new { orderId = "o-1" },
            new Dictionary<string, string> { ["cloudevent.type"] = "shop.order.v1", ["cloudevent.id"] = "evt-7" });
        await _fabric.WaitForQuietAsync();

        var envelope = Assert.Single(probe.Received).Envelope;
        Assert.Equal("evt-7", envelope["id"]!.GetValue<string>());
        Assert.Equal("publisher", envelope["source"]!.GetValue<string>());
        Assert.Equal("shop.order.v1", envelope["type"]!.GetValue<string>());
        Assert.Equal("1.0", envelope["specversion"]!.GetValue<string>());
        Assert.Equal("application/json", envelope["datacontenttype"]!.GetValue<string>());
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$", envelope["traceparent"]!.GetValue<string>());
        Assert.Equal("o-1", envelope["data"]!["orderId"]!.GetValue<string>());
    }

    [Fact]
    public async Task EveryAppGetsItsOwnCopyAndAnAppWithoutASubscriptionGetsNone()
    {
        var (first, firstProbe) = await ProbeSubscriber.StartAsync(_fabric, "subscriber", ("orders", "/orders", _ => ProbeSubscriber.Status("SUCCESS"), null));
        var (second, secondProbe) = await ProbeSubscriber.StartAsync(_fabric, "keeper", ("orders", "/orders", _ => ProbeSubscriber.Status("SUCCESS"), null));
        await using var _ = first;
        await using var __ = second;

        await _fabric.ClientFor("publisher").PublishEventAsync("pubsub", "orders", new { orderId = "o-1" });
        await _fabric.ClientFor("publisher").PublishEventAsync("pubsub", "payments", new { orderId = "o-1" });
        await _fabric.WaitForQuietAsync();

        Assert.Single(firstProbe.Received);
        Assert.Single(secondProbe.Received);
    }

    private Task<FabricTestAppHandle> StartSubscriberAsync(Func<HttpContext, IResult> answer) =>
        FabricTestAppHandle.StartAsync(_fabric, "subscriber", ("orders", "/orders", answer, "dead"));

    private async Task<PublishedMessage> PublishAsync()
    {
        await _fabric.ClientFor("publisher").PublishEventAsync("pubsub", "orders", new { orderId = "o-1" });
        await _fabric.WaitForQuietAsync();
        return _fabric.PubSub.PublishedTo("orders").Single();
    }

}
