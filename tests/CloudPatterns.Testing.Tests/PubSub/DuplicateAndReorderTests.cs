namespace CloudPatterns.Testing.Tests.PubSub;

public sealed class DuplicateAndReorderTests
{
    [Fact]
    public async Task DuplicateDeliveryHandsEveryMessageOverTwiceWithTheSameId()
    {
        var fabric = new DaprTestFabric(TestComponents.PubSubAndStore("publisher", "subscriber"));
        fabric.PubSub.Options.DuplicateDelivery = true;
        await using var subscriber = await FabricTestAppHandle.StartAsync(fabric, "subscriber", ("orders", "/orders", _ => Results.Ok(), null));

        await fabric.ClientFor("publisher").PublishEventAsync("pubsub", "orders", new { n = 1 });
        await fabric.WaitForQuietAsync();

        var ids = subscriber.Probe.Received.Select(r => r.Envelope["id"]!.GetValue<string>()).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Single(ids.Distinct());
    }

    [Fact]
    public async Task ReorderingDeliversPendingMessagesOutOfPublicationOrderReproduciblyBySeed()
    {
        async Task<List<int>> DeliveredOrderAsync(int seed)
        {
            var fabric = new DaprTestFabric(TestComponents.PubSubAndStore("publisher", "subscriber"));
            fabric.PubSub.Options.ReorderDeliveries = true;
            // One at a time, so the order they start in is the order they arrive in.
            fabric.PubSub.Options.MaxConcurrentDeliveries = 1;
            fabric.PubSub.Reseed(seed);
            await using var subscriber = await FabricTestAppHandle.StartAsync(fabric, "subscriber", ("orders", "/orders", _ => Results.Ok(), null));

            using (fabric.PubSub.HoldDeliveries())
            {
                for (var n = 1; n <= 20; n++)
                {
                    await fabric.ClientFor("publisher").PublishEventAsync("pubsub", "orders", new { n });
                }
            }

            await fabric.WaitForQuietAsync();
            return subscriber.Probe.Received.Select(r => r.Envelope["data"]!["n"]!.GetValue<int>()).ToList();
        }

        var first = await DeliveredOrderAsync(seed: 7);
        var again = await DeliveredOrderAsync(seed: 7);

        Assert.Equal(Enumerable.Range(1, 20), first.Order());
        Assert.NotEqual(Enumerable.Range(1, 20), first);
        Assert.Equal(first, again);
    }
}
