namespace CloudPatterns.Testing.Tests.PubSub;

/// <summary>Declarative subscriptions with CEL routing rules, read from YAML as the sidecar reads them.</summary>
public sealed class RoutingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fabric-routing-").FullName;

    [Fact]
    public async Task RulesRouteByTypeAndSourceAndTheRestGoesToTheDefaultRoute()
    {
        var fabric = Fabric("""
            rules:
              - match: event.type == "order.created" && event.source == "publisher"
                path: /created
              - match: event.type in ["payment.failed", "payment.declined"] || event.type.startsWith("refund.")
                path: /payments
            default: /other
            """);
        await using var app = await StartRecorderAsync(fabric, "/created", "/payments", "/other");

        foreach (var type in new[] { "order.created", "payment.declined", "refund.issued", "order.shipped" })
        {
            await fabric.ClientFor("publisher").PublishEventAsync("pubsub", "events", new { }, new Dictionary<string, string> { ["cloudevent.type"] = type });
        }

        await fabric.WaitForQuietAsync();

        Assert.Equal(
            [("order.created", "/created"), ("payment.declined", "/payments"), ("refund.issued", "/payments"), ("order.shipped", "/other")],
            fabric.PubSub.Deliveries.OrderBy(d => d.Message.Sequence).Select(d => (d.Message.Type, d.Route)));
    }

    [Fact]
    public async Task WithoutADefaultRouteAnUnmatchedEventIsAcknowledgedAndIgnored()
    {
        var fabric = Fabric("""
            rules:
              - match: event.type == "wanted"
                path: /created
            """);
        await using var app = await StartRecorderAsync(fabric, "/created");

        await fabric.ClientFor("publisher").PublishEventAsync("pubsub", "events", new { }, new Dictionary<string, string> { ["cloudevent.type"] = "unwanted" });
        await fabric.WaitForQuietAsync();

        Assert.Equal(DeliveryOutcome.NoRoute, Assert.Single(fabric.PubSub.Deliveries).Outcome);
    }

    [Fact]
    public async Task ADeclarativeSubscriptionOnlyReachesTheAppsInItsScopes()
    {
        var fabric = Fabric("""
            default: /other
            """);
        await using var subscriber = await StartRecorderAsync(fabric, "/other");
        await using var bystander = await FabricTestApp.StartAsync(fabric, "bystander", web => web.MapPost("/other", () => Results.Ok()));

        await fabric.ClientFor("publisher").PublishEventAsync("pubsub", "events", new { });
        await fabric.WaitForQuietAsync();

        Assert.Equal("subscriber", Assert.Single(fabric.PubSub.Deliveries).AppId);
    }

    [Theory]
    [InlineData("size(event.data.lines) > 2")]
    [InlineData("event.type.matches('^order')")]
    [InlineData("event.type == \"a\" ? true : false")]
    public async Task ARuleTheFabricCannotEvaluateFailsLoudly(string match)
    {
        var fabric = Fabric($"""
            rules:
              - match: '{match.Replace("'", "''", StringComparison.Ordinal)}'
                path: /created
            """);

        await Assert.ThrowsAsync<CelNotSupportedException>(() => StartRecorderAsync(fabric, "/created"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private DaprTestFabric Fabric(string routes)
    {
        var indented = string.Join('\n', routes.Split('\n').Select(line => "    " + line));
        File.WriteAllText(Path.Combine(_folder, "components.yaml"), $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: pubsub
            spec:
              type: pubsub.redis
              version: v1
              metadata: []
            scopes: [publisher, subscriber, bystander]
            ---
            apiVersion: dapr.io/v2alpha1
            kind: Subscription
            metadata:
              name: events
            spec:
              pubsubname: pubsub
              topic: events
              routes:
            {indented}
            scopes: [subscriber]
            """);
        return new DaprTestFabric(ComponentRegistry.FromFolders(_folder));
    }

    private static Task<FabricTestApp> StartRecorderAsync(DaprTestFabric fabric, params string[] routes) =>
        FabricTestApp.StartAsync(fabric, "subscriber", web =>
        {
            foreach (var route in routes)
            {
                web.MapPost(route, () => Results.Json(new { status = "SUCCESS" }));
            }
        });
}
