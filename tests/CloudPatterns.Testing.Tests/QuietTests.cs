namespace CloudPatterns.Testing.Tests;

public sealed class QuietTests
{
    [Fact]
    public async Task WaitingForQuietCoversEveryMessageAChainOfSubscribersPublishes()
    {
        var fabric = new DaprTestFabric(TestComponents.PubSubAndStore("relay", "sink"));
        var received = 0;
        await using var relay = await FabricTestApp.StartAsync(fabric, "relay", web =>
        {
            foreach (var (from, to) in new[] { ("a", "b"), ("b", "c"), ("c", "d") })
            {
                web.MapPost($"/{from}", async (DaprClient dapr) =>
                {
                    await dapr.PublishEventAsync("pubsub", to, new { });
                    return Results.Ok();
                }).WithTopic("pubsub", from);
            }

            web.MapSubscribeHandler();
        });
        await using var sink = await FabricTestApp.StartAsync(fabric, "sink", web =>
        {
            web.MapPost("/d", () =>
            {
                Interlocked.Increment(ref received);
                return Results.Ok();
            }).WithTopic("pubsub", "d");
            web.MapSubscribeHandler();
        });

        await fabric.ClientFor("relay").PublishEventAsync("pubsub", "a", new { });
        await fabric.WaitForQuietAsync();

        Assert.Equal(1, received);
        Assert.Equal(["a", "b", "c", "d"], fabric.PubSub.Published.Select(m => m.Topic));
    }

    [Fact]
    public async Task WaitingForQuietNamesWhatIsStuck()
    {
        var fabric = new DaprTestFabric(TestComponents.PubSubAndStore("publisher", "stuck"));
        var release = new TaskCompletionSource();
        await using var stuck = await FabricTestApp.StartAsync(fabric, "stuck", web =>
        {
            web.MapPost("/a", async () =>
            {
                await release.Task;
                return Results.Ok();
            }).WithTopic("pubsub", "a");
            web.MapSubscribeHandler();
        });

        await fabric.ClientFor("publisher").PublishEventAsync("pubsub", "a", new { });
        var error = await Assert.ThrowsAsync<TimeoutException>(() => fabric.WaitForQuietAsync(TimeSpan.FromMilliseconds(200)));
        release.SetResult();
        await fabric.WaitForQuietAsync();

        Assert.Contains("delivery of a message", error.Message, StringComparison.Ordinal);
    }

}
