namespace CloudPatterns.Testing.Tests.State;

/// <summary>
/// The transactional outbox as daprd 1.18 runs it: an upsert on an outbox store is published only if its
/// transaction commits, in an envelope the sidecar makes (pkg/runtime/pubsub/outbox.go).
/// </summary>
public sealed class OutboxTests
{
    private readonly DaprTestFabric _fabric = new(new ComponentRegistry()
        .Add(TestComponents.Component("pubsub", "pubsub.redis", ["orders"]))
        .Add(TestComponents.Component("order-store", "state.sqlite", ["orders"],
            ("outboxPublishPubsub", "pubsub"), ("outboxPublishTopic", "orders.submitted"), ("outboxDiscardWhenMissingState", "true")))
        .Add(TestComponents.Component("keeping-store", "state.sqlite", ["orders"],
            ("outboxPublishPubsub", "pubsub"), ("outboxPublishTopic", "orders.kept"))));

    [Fact]
    public async Task ACommittedTransactionPublishesEachUpsertInAnEnvelopeTheSidecarMakes()
    {
        await Dapr.ExecuteStateTransactionAsync("order-store", [Upsert("order-1", new { id = "order-1", status = "Submitted" }, contentType: "application/json")]);

        var message = Assert.Single(_fabric.PubSub.PublishedTo("orders.submitted"));
        Assert.Equal("orders", message.Source);
        Assert.StartsWith("outbox-", message.Id, StringComparison.Ordinal);
        Assert.Equal("com.dapr.event.sent", message.Type);
        Assert.Equal("Submitted", message.Data!["status"]!.GetValue<string>());
    }

    /// <summary>The transaction committed, only its answer was lost: daprd publishes what it committed.</summary>
    [Fact]
    public async Task ATransactionWhoseAnswerWasLostPublishesAllTheSame()
    {
        _fabric.StateStore("order-store").LoseNextAnswer("order-1");

        await Assert.ThrowsAsync<AnswerLostException>(() =>
            Dapr.ExecuteStateTransactionAsync("order-store", [Upsert("order-1", new { id = "order-1", status = "Submitted" }, contentType: "application/json")]));

        Assert.Equal("Submitted", Assert.Single(_fabric.PubSub.PublishedTo("orders.submitted")).Data!["status"]!.GetValue<string>());
        Assert.Empty(_fabric.Outbox.Stuck);
    }

    /// <summary>
    /// A failed transaction publishes nothing: the message daprd made for it before the state write failed is dropped
    /// with outboxDiscardWhenMissingState, and without it redelivered for ever (stuck).
    /// </summary>
    [Theory]
    [InlineData("order-store", "orders.submitted", 0)]
    [InlineData("keeping-store", "orders.kept", 1)]
    public async Task AFailedTransactionPublishesNothingAndWithoutDiscardWhenMissingStateLeavesAMessageRedeliveredForEver(string store, string topic, int stuck)
    {
        await Dapr.ExecuteStateTransactionAsync(store, [Upsert("order-1", new { id = "order-1" })]);

        await Assert.ThrowsAsync<DaprException>(() =>
            Dapr.ExecuteStateTransactionAsync(store, [Upsert("order-1", new { id = "again" }, etag: "stale")]));

        Assert.Single(_fabric.PubSub.PublishedTo(topic));
        Assert.Equal(stuck, _fabric.Outbox.Stuck.Count);
    }

    [Fact]
    public async Task AProjectionIsPublishedInsteadOfTheStateButItsCloudEventOverridesAreIgnored()
    {
        var projection = Upsert("order-1", new { kind = "command", orderId = "order-1" }, contentType: "application/json");
        projection.Metadata = new Dictionary<string, string>(projection.Metadata!)
        {
            ["outbox.projection"] = "true",
            ["cloudevent.id"] = "evt-1",
            ["cloudevent.type"] = "orders.submitted.v1",
        };

        await Dapr.ExecuteStateTransactionAsync("order-store", [Upsert("order-1", new { kind = "state", orderId = "order-1" }), projection]);

        var message = Assert.Single(_fabric.PubSub.PublishedTo("orders.submitted"));
        Assert.NotEqual("evt-1", message.Id);
        Assert.Equal("com.dapr.event.sent", message.Type);
        Assert.Equal("command", message.Data!["kind"]!.GetValue<string>());
        var stored = await Dapr.GetStateAsync<JsonElement>("order-store", "order-1");
        Assert.Equal("state", stored.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task WithoutAContentTypeTheDataArrivesAsAString()
    {
        await Dapr.ExecuteStateTransactionAsync("order-store", [Upsert("order-1", new { id = "order-1" })]);

        var message = Assert.Single(_fabric.PubSub.PublishedTo("orders.submitted"));
        Assert.Equal("text/plain", message.CloudEvent["datacontenttype"]!.GetValue<string>());
        Assert.Equal("""{"id":"order-1"}""", message.Data!.GetValue<string>());
    }

    [Fact]
    public async Task AWriteOutsideATransactionIsNotPublished()
    {
        await Dapr.SaveStateAsync("order-store", "order-1", new { id = "order-1" });
        var (_, etag) = await Dapr.GetStateAndETagAsync<JsonElement>("order-store", "order-1");
        await Dapr.TrySaveStateAsync("order-store", "order-1", new { id = "order-1", status = "Paid" }, etag);
        var beforeTransaction = _fabric.PubSub.PublishedTo("orders.submitted");
        await Dapr.ExecuteStateTransactionAsync("order-store", [Upsert("order-2", new { id = "order-2" })]);

        Assert.Empty(beforeTransaction);
        Assert.Single(_fabric.PubSub.PublishedTo("orders.submitted")); // the same store publishes what a transaction writes
    }

    private DaprClient Dapr => _fabric.ClientFor("orders");

    private static StateTransactionRequest Upsert(string key, object value, string? etag = null, string? contentType = null) =>
        new(key, JsonSerializer.SerializeToUtf8Bytes(value), StateOperationType.Upsert, etag,
            contentType is null ? null : new Dictionary<string, string> { ["contentType"] = contentType });
}
