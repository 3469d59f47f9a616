namespace CloudPatterns.NotificationService.Tests;

/// <summary>Through the fabric's broker: real subscriptions, every message delivered twice and in random order.</summary>
public sealed class FabricDeliveryTests
{
    [Fact]
    public async Task UnderDuplicateAndReorderedDeliveryEveryPieceOfNewsIsSentExactlyOnce()
    {
        await using var host = await NotificationHost.StartAsync(arrange: fabric =>
        {
            fabric.PubSub.Options.DuplicateDelivery = true;
            fabric.PubSub.Options.ReorderDeliveries = true;
        });
        var publisher = new EventPublisher(host.Fabric.ClientFor(AppIds.OrderService));

        using (host.Fabric.PubSub.HoldDeliveries())
        {
            await publisher.PublishAsync(NotificationHost.Confirmed("order-1"));
            await publisher.PublishAsync(NotificationHost.Dispatched("order-1"));
            await publisher.PublishAsync(NotificationHost.Insufficient("order-2"));
            await publisher.PublishAsync(NotificationHost.Rejected("order-2", RejectionReasons.OutOfStock));
            await publisher.PublishAsync(new PaymentFailed(Guid.NewGuid(), DateTimeOffset.UtcNow, "order-3", "pay_3", new Money(5m, "USD"), "declined", "ada"));
            await publisher.PublishAsync(NotificationHost.Rejected("order-3", RejectionReasons.PaymentFailed));
            await publisher.PublishAsync(new OrderCancelled(Guid.NewGuid(), DateTimeOffset.UtcNow, "order-4", "ada", "changed my mind", [new OrderLine("MUG-CLASSIC-350", 1)]));
        }

        await host.Fabric.WaitForQuietAsync();

        Assert.Equal(
            ["Payment for your order order-3 did not go through", "Your order order-1 is confirmed", "Your order order-1 is on its way",
             "Your order order-2 could not be fulfilled", "Your order order-4 is cancelled"],
            host.Emails.Select(e => e.Metadata["subject"]).Order(StringComparer.Ordinal));
        Assert.Empty(host.Fabric.PubSub.DeadLettered);
    }

    [Fact]
    public async Task ItSubscribesToEveryTopicThatConcernsACustomerWithTheDeadLetterTopic()
    {
        await using var host = await NotificationHost.StartAsync();

        var subscriptions = host.Fabric.PubSub.Subscriptions.Where(s => s.AppId == AppIds.NotificationService).ToList();

        Assert.Equal(
            [InventoryInsufficient.Topic, OrderCancelled.Topic, OrderConfirmed.Topic, OrderRejected.Topic, PaymentFailed.Topic, PaymentRefunded.Topic, ShipmentDispatched.Topic],
            subscriptions.Select(s => s.Topic).Order(StringComparer.Ordinal));
        Assert.All(subscriptions, s => Assert.Equal(Topics.DeadLetters, s.DeadLetterTopic));
    }
}
