namespace CloudPatterns.Testing.Tests.PubSub;

/// <summary>
/// pubsub.redis claims a message again once it has gone unacknowledged for processingTimeout, while daprd may still
/// be redelivering it to the app. A slow subscriber that needs three attempts (25 s each) shows the difference
/// between the first release's settings and today's (components/local/pubsub.yaml).
/// </summary>
public sealed class RedisReclaimTests
{
    [Fact]
    public async Task WithTheFirstReleasesProcessingTimeoutAMessageStillBeingRetriedIsHandedOutAgain()
    {
        // The first release: processingTimeout 30s; redeliverInterval "60s", which Redis reads as nothing (15 s).
        var fabric = await DeliverToASlowSubscriberAsync(("processingTimeout", "30s"), ("redeliverInterval", "60s"));

        Assert.Single(fabric.PubSub.Reclaimed);
        Assert.Contains(fabric.PubSub.Deliveries, d => d.Detail?.Contains("processingTimeout", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task WithTodaysProcessingTimeoutEveryAttemptFitsAndNothingIsHandedOutTwice()
    {
        var fabric = await DeliverToASlowSubscriberAsync(("processingTimeout", "300s"), ("redeliverInterval", "30000"));

        Assert.Empty(fabric.PubSub.Reclaimed);
        Assert.Equal(
            [DeliveryOutcome.Retry, DeliveryOutcome.Retry, DeliveryOutcome.Success],
            fabric.PubSub.Deliveries.Select(d => d.Outcome));
    }

    [Fact]
    public async Task ReclaimingIsOffWhenEitherSettingIsZero()
    {
        var fabric = await DeliverToASlowSubscriberAsync(("processingTimeout", "30s"), ("redeliverInterval", "0"));

        Assert.Empty(fabric.PubSub.Reclaimed);
    }

    private static async Task<DaprTestFabric> DeliverToASlowSubscriberAsync(params (string Name, string Value)[] pubsubMetadata)
    {
        var components = new ComponentRegistry()
            .Add(TestComponents.Component("pubsub", "pubsub.redis", ["publisher", "subscriber"], pubsubMetadata))
            .WithInboundRetries(3);
        var fabric = new DaprTestFabric(components);
        var calls = 0;
        await using var subscriber = await FabricTestAppHandle.StartAsync(fabric, "subscriber", ("orders", "/orders", _ =>
        {
            fabric.Time.Advance(TimeSpan.FromSeconds(25));
            return ProbeSubscriber.Status(Interlocked.Increment(ref calls) < 3 ? "RETRY" : "SUCCESS");
        }, null));

        await fabric.ClientFor("publisher").PublishEventAsync("pubsub", "orders", new { orderId = "o-1" });
        await fabric.WaitForQuietAsync();
        return fabric;
    }
}
