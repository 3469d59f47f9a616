namespace CloudPatterns.ProductService.Tests.IntegrationEvents;

/// <summary>product-service's subscriber side, driven exactly as its sidecar drives it.</summary>
public sealed class OrderEventSubscriptionTests
{
    [Fact]
    public async Task SubscribeListsEveryOrderTopicAndProcessedImagesWithTheirRoutesAndTheDeadLetterTopic()
    {
        await using var host = await ProductServiceHost.StartAsync(seed: false);

        var subscriptions = JsonNode.Parse(await host.Client.GetStringAsync("dapr/subscribe"))!.AsArray();

        var byTopic = subscriptions.ToDictionary(s => s!["topic"]!.GetValue<string>());
        Assert.Equal(
            [ImageProcessed.Topic, OrderCancelled.Topic, OrderConfirmed.Topic, OrderCreated.Topic, OrderRejected.Topic],
            byTopic.Keys.Order(StringComparer.Ordinal));
        foreach (var (topic, subscription) in byTopic)
        {
            Assert.Equal("pubsub", subscription!["pubsubName"]?.GetValue<string>() ?? subscription["pubsubname"]!.GetValue<string>());
            Assert.Equal($"events/{topic}", subscription["route"]!.GetValue<string>().TrimStart('/'));
            Assert.Equal(Topics.DeadLetters, subscription["deadLetterTopic"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task OrderCreatedReservesEveryLineAndAnnouncesIt()
    {
        await using var host = await ProductServiceHost.StartAsync();
        var order = InventoryApiTests.OrderFor("order-1", ("LAMP-DESK-LED", 2), ("STICKER-PACK", 10));

        var status = await host.DeliverAsync(order);

        Assert.Equal("SUCCESS", status);
        Assert.Equal(new StockLevel("LAMP-DESK-LED", 12, 2, 10), await host.StockAsync("LAMP-DESK-LED"));
        Assert.Equal(490, (await host.StockAsync("STICKER-PACK")).Available);
        var reserved = Assert.Single(host.Fabric.PubSub.PublishedTo(InventoryReserved.Topic));
        Assert.Equal("cloudpatterns.inventory.reserved.v1", reserved.Type);
        Assert.Equal("product-service", reserved.Source);
        Assert.Equal("order-1", reserved.DataAs<InventoryReserved>().OrderId);
    }

    [Fact]
    public async Task AShortLineReservesNothingAndNamesEveryShortSku()
    {
        await using var host = await ProductServiceHost.StartAsync();
        var order = InventoryApiTests.OrderFor("order-1", ("STICKER-PACK", 3), ("POSTER-LIMITED", 11), ("LAMP-DESK-LED", 13));

        await host.DeliverAsync(order);

        var insufficient = Assert.Single(host.Fabric.PubSub.PublishedTo(InventoryInsufficient.Topic)).DataAs<InventoryInsufficient>();
        Assert.Equal(
            [new StockShortage("LAMP-DESK-LED", 13, 12), new StockShortage("POSTER-LIMITED", 11, 10)],
            insufficient.Shortages);
        Assert.Equal(0, (await host.StockAsync("STICKER-PACK")).Reserved);
        Assert.Equal(0, (await host.StockAsync("POSTER-LIMITED")).Reserved);
        Assert.Equal(0, (await host.StockAsync("LAMP-DESK-LED")).Reserved);
        Assert.Empty(host.Fabric.PubSub.PublishedTo(InventoryReserved.Topic));
    }

    [Fact]
    public async Task ADuplicateOrderCreatedChangesNothingAndRepeatsTheSameOutcomeEvent()
    {
        await using var host = await ProductServiceHost.StartAsync();
        var order = InventoryApiTests.OrderFor("order-1", ("LAMP-DESK-LED", 4));

        await DeliverTwiceAsync(host, order);

        Assert.Equal(4, (await host.StockAsync("LAMP-DESK-LED")).Reserved);
        var outcomes = host.Fabric.PubSub.PublishedTo(InventoryReserved.Topic);
        Assert.Equal(2, outcomes.Count);
        Assert.Equal(outcomes[0].Id, outcomes[1].Id);
    }

    [Fact]
    public async Task OrderConfirmedMakesTheReservationAPermanentDecrementOnce()
    {
        await using var host = await ProductServiceHost.StartAsync();
        await host.DeliverAsync(InventoryApiTests.OrderFor("order-1", ("LAMP-DESK-LED", 3)));
        var confirmed = Confirmed("order-1", ("LAMP-DESK-LED", 3));

        await DeliverTwiceAsync(host, confirmed);

        Assert.Equal(new StockLevel("LAMP-DESK-LED", 9, 0, 9), await host.StockAsync("LAMP-DESK-LED"));
    }

    [Fact]
    public async Task OrderConfirmedBeforeItsReservationExistsAsksForRedelivery()
    {
        await using var host = await ProductServiceHost.StartAsync();

        var status = await host.DeliverAsync(Confirmed("order-1", ("LAMP-DESK-LED", 3)));

        Assert.Equal("RETRY", status);
        Assert.Equal(12, (await host.StockAsync("LAMP-DESK-LED")).OnHand);
        Assert.Contains(host.Logs.Lines, l => l.Contains("will be redelivered: order order-1 has no reservation yet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RejectedAndCancelledOrdersGiveTheirStockBackOnce()
    {
        await using var host = await ProductServiceHost.StartAsync();
        await host.DeliverAsync(InventoryApiTests.OrderFor("order-1", ("LAMP-DESK-LED", 3)));
        await host.DeliverAsync(InventoryApiTests.OrderFor("order-2", ("LAMP-DESK-LED", 4)));
        var rejected = new OrderRejected(Guid.NewGuid(), DateTimeOffset.UtcNow, "order-1", "customer-1", OrderStatus.PaymentFailed,
            RejectionReasons.PaymentFailed, [new OrderLine("LAMP-DESK-LED", 3)]);
        var cancelled = new OrderCancelled(Guid.NewGuid(), DateTimeOffset.UtcNow, "order-2", "customer-1", "changed my mind",
            [new OrderLine("LAMP-DESK-LED", 4)]);

        foreach (var _ in Enumerable.Range(0, 2))
        {
            Assert.Equal("SUCCESS", await host.DeliverAsync(rejected));
            Assert.Equal("SUCCESS", await host.DeliverAsync(cancelled));
        }

        Assert.Equal(new StockLevel("LAMP-DESK-LED", 12, 0, 12), await host.StockAsync("LAMP-DESK-LED"));
    }

    [Fact]
    public async Task ACancellationOvertakingItsOrderMakesTheLateOrderReserveNothing()
    {
        await using var host = await ProductServiceHost.StartAsync();
        var cancelled = new OrderCancelled(Guid.NewGuid(), DateTimeOffset.UtcNow, "order-1", "customer-1", "changed my mind",
            [new OrderLine("LAMP-DESK-LED", 2)]);

        await host.DeliverAsync(cancelled);
        await host.DeliverAsync(InventoryApiTests.OrderFor("order-1", ("LAMP-DESK-LED", 2)));

        Assert.Equal(0, (await host.StockAsync("LAMP-DESK-LED")).Reserved);
        Assert.Empty(host.Fabric.PubSub.PublishedTo(InventoryReserved.Topic));
    }

    [Theory]
    [InlineData("""{"eventId":""", "malformed")]
    [InlineData("""{"eventId":"8d7f6c2e-1d3b-4a53-9a51-3f0f8f0c1a11","occurredAt":"2025-06-01T09:00:00Z","orderId":"o-1","customerId":"c-1","lines":[{"sku":"LAMP-DESK-LED","quantity":-2}],"total":{"amount":10,"currency":"USD"}}""", "invalid OrderCreated: Lines[0].Quantity must be between 1 and 10000")]
    [InlineData("""{"eventId":"8d7f6c2e-1d3b-4a53-9a51-3f0f8f0c1a11","occurredAt":"2025-06-01T09:00:00Z","customerId":"c-1","lines":[{"sku":"LAMP-DESK-LED","quantity":2}],"total":{"amount":10,"currency":"USD"}}""", "orderId")]
    [InlineData("""{"eventId":"8d7f6c2e-1d3b-4a53-9a51-3f0f8f0c1a11","occurredAt":"2025-06-01T09:00:00Z","orderId":"o-1","customerId":"c-1","lines":[],"total":{"amount":10,"currency":"USD"}}""", "invalid OrderCreated: Lines must contain at least one item")]
    public async Task AMalformedEventIsDroppedToTheDeadLetterTopicWithItsReason(string data, string reason)
    {
        await using var host = await ProductServiceHost.StartAsync();
        var body = $$"""{"id":"msg-1","source":"order-service","type":"cloudpatterns.orders.created.v1","specversion":"1.0","datacontenttype":"application/json","topic":"orders.created","pubsubname":"pubsub","data_base64":"{{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(data))}}"}""";

        var status = await host.DeliverRawAsync(OrderCreated.Topic, body);

        Assert.Equal("DROP", status);
        Assert.Equal(0, (await host.StockAsync("LAMP-DESK-LED")).Reserved);
        var note = Assert.Single(host.Fabric.PubSub.PublishedTo(Topics.DeadLetters)).DataAs<DeadLetterNote>();
        Assert.Equal("msg-1", note.MessageId);
        Assert.Equal(OrderCreated.Topic, note.Topic);
        Assert.Equal("product-service", note.App);
        Assert.Contains(reason, note.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEnvelopeThatIsNotJsonIsDroppedNotRetriedForever()
    {
        await using var host = await ProductServiceHost.StartAsync(seed: false);

        var status = await host.DeliverRawAsync(OrderCreated.Topic, "this is not json");

        Assert.Equal("DROP", status);
    }

    [Fact]
    public async Task AStoreOutageAsksForRedeliveryAndTheRedeliverySucceeds()
    {
        await using var host = await ProductServiceHost.StartAsync();
        var order = InventoryApiTests.OrderFor("order-1", ("LAMP-DESK-LED", 2));
        var store = host.Fabric.StateStore(DaprComponents.ProductStore);

        store.Unavailable = true;
        var duringOutage = await host.DeliverAsync(order);
        store.Unavailable = false;
        var afterwards = await host.DeliverAsync(order);

        Assert.Equal("RETRY", duringOutage);
        Assert.Equal("SUCCESS", afterwards);
        Assert.Equal(2, (await host.StockAsync("LAMP-DESK-LED")).Reserved);
    }

    private static OrderConfirmed Confirmed(string orderId, params (string Sku, int Quantity)[] lines) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, orderId, "customer-1",
            lines.Select(l => new PricedOrderLine(l.Sku, l.Sku, l.Quantity, new Money(1m, "USD"))).ToList(),
            new Money(lines.Sum(l => l.Quantity), "USD"), $"pay-{orderId}");

    /// <summary>Delivers the event twice, as a broker redelivering it does, and asserts the app took it both times.</summary>
    private static async Task DeliverTwiceAsync<TEvent>(ProductServiceHost host, TEvent integrationEvent) where TEvent : IIntegrationEvent
    {
        Assert.Equal("SUCCESS", await host.DeliverAsync(integrationEvent));
        Assert.Equal("SUCCESS", await host.DeliverAsync(integrationEvent));
    }
}
