namespace CloudPatterns.AnalyticsService.Tests;

/// <summary>The analytics-pipeline rules (components/common/analytics-pipeline.yaml), evaluated by the fabric as the sidecar evaluates them.</summary>
public sealed class RoutingTests
{
    public static TheoryData<string, IIntegrationEvent, string> EventsAndTheirRoutes => new()
    {
        { AppIds.OrderService, AnalyticsHost.Created("o-1"), AnalyticsRoutes.Orders },
        { AppIds.OrderService, AnalyticsHost.Confirmed("o-1"), AnalyticsRoutes.Orders },
        { AppIds.OrderService, AnalyticsHost.Rejected("o-1", RejectionReasons.OutOfStock), AnalyticsRoutes.Orders },
        { AppIds.OrderService, AnalyticsHost.Cancelled("o-1"), AnalyticsRoutes.Orders },
        { AppIds.PaymentService, AnalyticsHost.PaymentCompleted("o-1"), AnalyticsRoutes.Payments },
        { AppIds.PaymentService, AnalyticsHost.PaymentFailed("o-1"), AnalyticsRoutes.Payments },
        { AppIds.ProductService, AnalyticsHost.Insufficient("o-1", "POSTER-LIMITED"), AnalyticsRoutes.Inventory },
    };

    [Theory]
    [MemberData(nameof(EventsAndTheirRoutes))]
    public async Task EachEventTypeFromTheServiceThatOwnsItReachesItsFamilysRouteAndIsRecorded(string publisher, IIntegrationEvent integrationEvent, string route)
    {
        await using var host = await AnalyticsHost.StartAsync();

        await PublishAsync(host, publisher, integrationEvent);
        await host.Fabric.WaitForQuietAsync();

        Assert.Equal([route], host.RoutesTaken());
        Assert.Equal(1, (await host.SummaryAsync()).EventsRecorded);
    }

    [Fact]
    public async Task AnEventTheRuleExcludesReachesOnlyTheDefaultRouteAndRecordsNothing()
    {
        await using var host = await AnalyticsHost.StartAsync();

        // Right topic, wrong publisher: only order-service speaks for orders, only payment-service for payments.
        await host.PublishAsync(AppIds.ShippingService, AnalyticsHost.Confirmed("o-1"));
        await host.PublishAsync(AppIds.OrderService, AnalyticsHost.PaymentFailed("o-2"));
        // Right publisher and topic, but not one of our event types (a plain `dapr publish` says com.dapr.event.sent).
        await host.Fabric.ClientFor(AppIds.OrderService).PublishEventAsync("pubsub", OrderCreated.Topic, new { orderId = "o-3" });
        await host.Fabric.WaitForQuietAsync();

        Assert.Equal([AnalyticsRoutes.Unrouted, AnalyticsRoutes.Unrouted, AnalyticsRoutes.Unrouted], host.RoutesTaken());
        Assert.Equal(0, (await host.SummaryAsync()).EventsRecorded);
        Assert.Empty(host.Fabric.PubSub.DeadLettered);
    }

    [Fact]
    public async Task TopicsOutsideThePipelineNeverReachAnalytics()
    {
        await using var host = await AnalyticsHost.StartAsync();

        await host.PublishAsync(AppIds.ProductService, new InventoryReserved(Guid.NewGuid(), AnalyticsHost.Day1, "o-1", [new OrderLine("MUG-CLASSIC-350", 1)], AnalyticsHost.Day1.AddMinutes(15)));
        await host.PublishAsync(AppIds.PaymentService, new PaymentRefunded(Guid.NewGuid(), AnalyticsHost.Day1, "o-1", "pay_1", "re_1", new Money(5m, "USD"), new Money(0m, "USD")));
        await host.PublishAsync(AppIds.PaymentService, new PaymentCompleted(Guid.NewGuid(), AnalyticsHost.Day1, "o-1", "pay_1", new Money(5m, "USD"), "4242", "ada"));
        await host.Fabric.WaitForQuietAsync();

        // The pipeline topic published last arrived, so the two before it were not merely still on their way.
        var delivered = host.Fabric.PubSub.Deliveries.Where(d => d.AppId == AppIds.AnalyticsService).Select(d => d.Topic);
        Assert.Equal([PaymentCompleted.Topic], delivered);
        Assert.Equal([AnalyticsRoutes.Payments], host.RoutesTaken());
    }

    [Fact]
    public async Task AnUnreadableEventOnAFamilyRouteIsDroppedToTheDeadLetterTopic()
    {
        await using var host = await AnalyticsHost.StartAsync();

        await host.Fabric.ClientFor(AppIds.OrderService).PublishEventAsync("pubsub", OrderConfirmed.Topic, new { orderId = "o-1" },
            new Dictionary<string, string> { ["cloudevent.type"] = "cloudpatterns.orders.confirmed.v1" });
        await host.Fabric.ClientFor(AppIds.OrderService).PublishEventAsync("pubsub", OrderConfirmed.Topic, new { orderId = "o-2" },
            new Dictionary<string, string> { ["cloudevent.type"] = "cloudpatterns.orders.audited.v1" });
        await host.Fabric.WaitForQuietAsync();

        Assert.Equal(2, host.Fabric.PubSub.DeadLettered.Count);
        Assert.Equal(0, (await host.SummaryAsync()).EventsRecorded);
    }

    [Fact]
    public async Task TheAppDeclaresNoSubscriptionsOfItsOwnTheyAreAllDeclarativeWithADeadLetterTopic()
    {
        await using var host = await AnalyticsHost.StartAsync();

        var subscriptions = host.Fabric.PubSub.Subscriptions.Where(s => s.AppId == AppIds.AnalyticsService).ToList();

        Assert.Equal(
            [InventoryInsufficient.Topic, OrderCancelled.Topic, OrderConfirmed.Topic, OrderCreated.Topic, OrderProgressed.Topic, OrderRejected.Topic,
             PaymentCompleted.Topic, PaymentFailed.Topic, ShipmentDispatched.Topic],
            subscriptions.Select(s => s.Topic).Order(StringComparer.Ordinal));
        Assert.All(subscriptions, s =>
        {
            Assert.Equal("analytics-pipeline.yaml", s.Source);
            Assert.Equal(Topics.DeadLetters, s.DeadLetterTopic);
            Assert.Equal(AnalyticsRoutes.Unrouted, s.DefaultRoute);
        });
    }

    private static Task PublishAsync(AnalyticsHost host, string publisher, IIntegrationEvent integrationEvent) => integrationEvent switch
    {
        OrderCreated e => host.PublishAsync(publisher, e),
        OrderConfirmed e => host.PublishAsync(publisher, e),
        OrderRejected e => host.PublishAsync(publisher, e),
        OrderCancelled e => host.PublishAsync(publisher, e),
        PaymentCompleted e => host.PublishAsync(publisher, e),
        PaymentFailed e => host.PublishAsync(publisher, e),
        InventoryInsufficient e => host.PublishAsync(publisher, e),
        _ => throw new ArgumentOutOfRangeException(nameof(integrationEvent)),
    };
}
