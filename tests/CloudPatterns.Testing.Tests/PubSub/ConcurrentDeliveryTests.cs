namespace CloudPatterns.Testing.Tests.PubSub;

/// <summary>
/// A sidecar hands an app several messages at once: as many as the pub/sub component runs workers (pubsub.redis:
/// its concurrency metadata, 10 by default), so handlers meet their own duplicates and neighbours concurrently.
/// </summary>
public sealed class ConcurrentDeliveryTests
{
    [Theory]
    [InlineData(null, 10)]
    [InlineData("3", 3)]
    public async Task AnAppGetsAsManyDeliveriesAtOnceAsThePubSubHasWorkers(string? concurrency, int expected)
    {
        var metadata = concurrency is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["concurrency"] = concurrency };
        var fabric = new DaprTestFabric(new ComponentRegistry()
            .Add(new ComponentDefinition("pubsub", "pubsub.redis", metadata, ["publisher", "subscriber"])));
        var (inFlight, peak) = (0, 0);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new Lock();
        await using var subscriber = await FabricTestApp.StartAsync(fabric, "subscriber", web =>
        {
            web.MapPost("/orders", async () =>
            {
                lock (gate)
                {
                    peak = Math.Max(peak, ++inFlight);
                }

                await release.Task;
                lock (gate)
                {
                    inFlight--;
                }

                return Results.Ok();
            }).WithTopic("pubsub", "orders");
            web.MapSubscribeHandler();
        });

        for (var n = 0; n < 15; n++)
        {
            await fabric.ClientFor("publisher").PublishEventAsync("pubsub", "orders", new { n });
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Volatile.Read(ref inFlight) < expected && DateTime.UtcNow < deadline)
        {
            await Task.Yield();
        }

        release.SetResult();
        await fabric.WaitForQuietAsync();

        Assert.Equal(expected, peak);
        Assert.Equal(15, fabric.PubSub.Deliveries.Count);
    }
}
