namespace CloudPatterns.Testing.Tests.Resiliency;

/// <summary>
/// State calls under a store's resiliency policy, as daprd 1.18 runs them: a transaction is retried whatever the
/// error, and every failed attempt counts in the one breaker the store has in that sidecar.
/// </summary>
public sealed class StateResiliencyTests
{
    private const string OrderService = "order-service";
    private const string Store = "order-store";

    [Fact]
    public async Task UnderTheFirstReleasesPoliciesOneLostRaceOpenedTheStoresBreakerForEveryCall()
    {
        var fabric = new DaprTestFabric(FirstReleaseResiliency.Registry());
        var dapr = fabric.ClientFor(OrderService);
        await dapr.SaveStateAsync(Store, "order:1", new { status = "Submitted" });

        await Assert.ThrowsAsync<DaprException>(() => dapr.ExecuteStateTransactionAsync(Store, [Upsert("order:1", etag: "stale")]));

        // Six attempts of a race that was lost for good, all counted: the breaker opened, and an unrelated read fails.
        var breaker = fabric.Resiliency.Breaker(OrderService, $"component:{Store}")!;
        Assert.Equal(BreakerState.Open, breaker.State);
        Assert.True(breaker.FailuresCounted >= 5);
        var read = await Assert.ThrowsAsync<DaprException>(() => dapr.GetStateAsync<JsonElement>(Store, "order:2"));
        Assert.Contains("circuit breaker is open", read.InnerException!.Message, StringComparison.Ordinal);

        fabric.Time.Advance(TimeSpan.FromSeconds(30));
        await dapr.GetStateAsync<JsonElement>(Store, "order:2");
        Assert.Equal(BreakerState.Closed, breaker.State);
    }

    [Fact]
    public async Task UnderTodaysPoliciesALostRaceFailsOnceAndNothingElseNotices()
    {
        var fabric = new DaprTestFabric();
        var dapr = fabric.ClientFor(OrderService);
        await dapr.SaveStateAsync(Store, "order:1", new { status = "Submitted" });
        var writesBefore = fabric.StateStore(Store).WriteCount;

        for (var i = 0; i < 10; i++)
        {
            await Assert.ThrowsAsync<DaprException>(() => dapr.ExecuteStateTransactionAsync(Store, [Upsert("order:1", etag: "stale")]));
            Assert.False(await dapr.TrySaveStateAsync(Store, "order:1", new { status = "Validating" }, "stale"));
        }

        Assert.Null(fabric.Resiliency.Breaker(OrderService, $"component:{Store}"));
        Assert.Equal(writesBefore, fabric.StateStore(Store).WriteCount);
        await dapr.SaveStateAsync(Store, "order:2", new { status = "Submitted" });
    }

    [Fact]
    public async Task ASingleSaveThatLosesItsRaceIsNotRetriedButStillCountsInTheBreaker()
    {
        var fabric = new DaprTestFabric(FirstReleaseResiliency.Registry());
        var dapr = fabric.ClientFor(OrderService);
        await dapr.SaveStateAsync(Store, "order:1", new { status = "Submitted" });

        for (var i = 0; i < 4; i++)
        {
            Assert.False(await dapr.TrySaveStateAsync(Store, "order:1", new { status = "Validating" }, "stale"));
        }

        var breaker = fabric.Resiliency.Breaker(OrderService, $"component:{Store}")!;
        Assert.Equal(4, breaker.FailuresCounted);
        Assert.Equal(BreakerState.Closed, breaker.State);
        Assert.False(await dapr.TrySaveStateAsync(Store, "order:1", new { status = "Validating" }, "stale"));
        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task ActorStateSharesItsStoresBreakerWithTheAppsOwnStateCalls()
    {
        var fabric = new DaprTestFabric(FirstReleaseResiliency.Registry());
        var dapr = fabric.ClientFor("product-service");
        await dapr.SaveStateAsync("product-store", "reservation:1", new { status = "Reserved" });
        await Assert.ThrowsAsync<DaprException>(() => dapr.ExecuteStateTransactionAsync("product-store", [Upsert("reservation:1", etag: "stale")]));

        var policy = fabric.Resiliency.ComponentOutbound("product-service", "product-store");

        Assert.Same(fabric.Resiliency.Breaker("product-service", "component:product-store"), policy.Breaker);
        Assert.Equal(BreakerState.Open, policy.Breaker!.State);
    }

    private static StateTransactionRequest Upsert(string key, string? etag) =>
        new(key, JsonSerializer.SerializeToUtf8Bytes(new { status = "Validating" }), StateOperationType.Upsert, etag);
}
