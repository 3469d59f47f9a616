using System.Text.Json;
using CloudPatterns.Testing.Components;
using CloudPatterns.Testing.Fabric;
using Dapr;
using Dapr.Client;

namespace CloudPatterns.Testing.Tests.State;

/// <summary>The transactional outbox: an upsert on an outbox store is published only if its transaction commits.</summary>
public sealed class OutboxTests
{
    private readonly DaprTestFabric _fabric = new(new ComponentRegistry()
        .Add(TestComponents.Component("pubsub", "pubsub.redis", ["orders"]))
        .Add(TestComponents.Component("order-store", "state.sqlite", ["orders"],
            ("outboxPublishPubsub", "pubsub"), ("outboxPublishTopic", "orders.submitted"))));

    [Fact]
    public async Task ACommittedTransactionPublishesEachUpsert()
    {
        await Dapr.ExecuteStateTransactionAsync("order-store", [Upsert("order-1", new { id = "order-1", status = "Submitted" })]);

        var message = Assert.Single(_fabric.PubSub.PublishedTo("orders.submitted"));
        Assert.Equal("orders", message.Source);
        Assert.Equal("Submitted", message.Data!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task AFailedTransactionPublishesNothing()
    {
        await Dapr.ExecuteStateTransactionAsync("order-store", [Upsert("order-1", new { id = "order-1" })]);

        await Assert.ThrowsAsync<DaprException>(() =>
            Dapr.ExecuteStateTransactionAsync("order-store", [Upsert("order-1", new { id = "again" }, etag: "stale")]));

        Assert.Single(_fabric.PubSub.PublishedTo("orders.submitted"));
    }

    [Fact]
    public async Task AProjectionIsPublishedInsteadOfTheStateAndIsNotStored()
    {
        var projection = Upsert("order-1", new { kind = "command", orderId = "order-1" });
        projection.Metadata = new Dictionary<string, string>
        {
            ["outbox.projection"] = "true",
            ["cloudevent.id"] = "evt-1",
            ["cloudevent.type"] = "orders.submitted.v1",
        };

        await Dapr.ExecuteStateTransactionAsync("order-store", [Upsert("order-1", new { kind = "state", orderId = "order-1" }), projection]);

        var message = Assert.Single(_fabric.PubSub.PublishedTo("orders.submitted"));
        Assert.Equal(("evt-1", "orders.submitted.v1", "command"), (message.Id, message.Type, message.Data!["kind"]!.GetValue<string>()));
        var stored = await Dapr.GetStateAsync<JsonElement>("order-store", "order-1");
        Assert.Equal("state", stored.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task AWriteOutsideATransactionIsNotPublished()
    {
        await Dapr.SaveStateAsync("order-store", "order-1", new { id = "order-1" });
        var (_, etag) = await Dapr.GetStateAndETagAsync<JsonElement>("order-store", "order-1");
        await Dapr.TrySaveStateAsync("order-store", "order-1", new { id = "order-1", status = "Paid" }, etag);

        Assert.Empty(_fabric.PubSub.PublishedTo("orders.submitted"));
    }

    private DaprClient Dapr => _fabric.ClientFor("orders");

    private static StateTransactionRequest Upsert(string key, object value, string? etag = null) =>
        new(key, JsonSerializer.SerializeToUtf8Bytes(value), StateOperationType.Upsert, etag);
}
