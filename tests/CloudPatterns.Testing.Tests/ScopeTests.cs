namespace CloudPatterns.Testing.Tests;

/// <summary>A sidecar only loads the components scoped to its app: anything else is "not found".</summary>
public sealed class ScopeTests
{
    private readonly DaprTestFabric _fabric = new(new ComponentRegistry()
        .Add(TestComponents.Component("pubsub", "pubsub.redis", ["publisher", "subscriber"]))
        .Add(TestComponents.Component("orders-db", "state.sqlite", ["publisher"]))
        .Add(TestComponents.Component("secrets", "secretstores.local.file", ["publisher"])));

    [Fact]
    public async Task AnAppCannotPublishThroughAPubSubItIsNotScopedFor()
    {
        var error = await Assert.ThrowsAsync<DaprException>(() =>
            _fabric.ClientFor("outsider").PublishEventAsync("pubsub", "orders", new { }));

        Assert.Contains("pubsub pubsub is not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAppCannotReadOrWriteAStoreItIsNotScopedFor()
    {
        await _fabric.ClientFor("publisher").SaveStateAsync("orders-db", "k", "v");

        await Assert.ThrowsAsync<DaprException>(() => _fabric.ClientFor("subscriber").GetStateAsync<string>("orders-db", "k"));
        await Assert.ThrowsAsync<DaprException>(() => _fabric.ClientFor("subscriber").SaveStateAsync("orders-db", "k", "x"));
        Assert.Equal("v", await _fabric.ClientFor("publisher").GetStateAsync<string>("orders-db", "k"));
    }

    [Fact]
    public async Task AnAppCannotReadSecretsOfAStoreItIsNotScopedFor()
    {
        _fabric.Secrets("secrets")["api-key"] = "fake-dev-key";

        Assert.Equal("fake-dev-key", (await _fabric.ClientFor("publisher").GetSecretAsync("secrets", "api-key"))["api-key"]);
        await Assert.ThrowsAsync<DaprException>(() => _fabric.ClientFor("subscriber").GetSecretAsync("secrets", "api-key"));
    }

    [Fact]
    public async Task AnAppSubscribingThroughAPubSubItIsNotScopedForFailsToJoin() =>
        await Assert.ThrowsAsync<DaprException>(() =>
            FabricTestAppHandle.StartAsync(_fabric, "outsider", ("orders", "/orders", _ => Results.Ok(), null)));

    [Fact]
    public async Task TwoAppsSharingAStoreDoNotSeeEachOthersKeys()
    {
        var fabric = new DaprTestFabric(new ComponentRegistry().Add(TestComponents.Component("shared", "state.sqlite", ["a", "b"])));

        await fabric.ClientFor("a").SaveStateAsync("shared", "greeting", "from a");

        Assert.Null(await fabric.ClientFor("b").GetStateAsync<string>("shared", "greeting"));
        Assert.Contains("a||greeting", fabric.StateStore("shared").Snapshot().Keys);
    }

}
