namespace CloudPatterns.ShippingService.Tests;

/// <summary>Through the fabric's broker: real subscriptions, at-least-once and out-of-order delivery.</summary>
public sealed class FabricDeliveryTests
{
    [Fact]
    public async Task UnderDuplicateAndReorderedDeliveryEachConfirmedOrderShipsExactlyOnceAndNoCancelledOneShips()
    {
        await using var host = await ShippingHost.StartAsync();
        host.Fabric.PubSub.Options.DuplicateDelivery = true;
        host.Fabric.PubSub.Options.ReorderDeliveries = true;
        var orderService = new EventPublisher(host.Fabric.ClientFor(AppIds.OrderService));

        using (host.Fabric.PubSub.HoldDeliveries())
        {
            for (var i = 1; i <= 6; i++)
            {
                await orderService.PublishAsync(ShippingHost.Confirmed($"order-{i}"));
            }

            await orderService.PublishAsync(ShippingHost.Cancelled("order-7"));
            await orderService.PublishAsync(ShippingHost.Cancelled("order-8"));
        }

        await host.Fabric.WaitForQuietAsync();

        var dispatched = host.Dispatched();
        Assert.Equal(Enumerable.Range(1, 6).Select(i => $"order-{i}"), dispatched.Select(d => d.OrderId).Order(StringComparer.Ordinal));
        Assert.Equal(6, dispatched.Select(d => d.TrackingNumber).Distinct().Count());
        Assert.Equal(ShipmentStatus.Cancelled, (await host.ShipmentOfAsync("order-7"))!.Status);
        Assert.Empty(host.Fabric.PubSub.DeadLettered);
    }

    [Fact]
    public async Task ItSubscribesToConfirmedAndCancelledOrdersWithTheDeadLetterTopic()
    {
        await using var host = await ShippingHost.StartAsync();

        var subscriptions = host.Fabric.PubSub.Subscriptions.Where(s => s.AppId == AppIds.ShippingService).ToList();

        Assert.Equal([OrderCancelled.Topic, OrderConfirmed.Topic], subscriptions.Select(s => s.Topic).Order(StringComparer.Ordinal));
        Assert.All(subscriptions, s => Assert.Equal(Topics.DeadLetters, s.DeadLetterTopic));
    }
}
