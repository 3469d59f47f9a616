namespace CloudPatterns.Testing.Tests.Actors;

[Collection(nameof(CounterActor))]
public sealed class ActorRuntimeTests : IAsyncLifetime
{
    private readonly DaprTestFabric _fabric = new(new ComponentRegistry()
        .Add(TestComponents.Component("actors", "state.sqlite", ["host"], ("actorStateStore", "true"))));

    private FabricTestApp _host = null!;

    public async ValueTask InitializeAsync()
    {
        CounterActor.ResetProbe();
        _host = await FabricTestApp.StartAsync(_fabric, "host", _ => { }, services =>
            services.AddActors(options => options.Actors.RegisterActor<CounterActor>()));
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task CallsToOneActorTakeTurnsSoNoIncrementIsLost()
    {
        var counter = Counter("c-1");

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(counter.IncrementAsync)));

        Assert.Equal(50, await counter.GetAsync());
        Assert.Equal(1, CounterActor.MaxConcurrent);
    }

    [Fact]
    public async Task DifferentActorIdsHaveTheirOwnState()
    {
        await Counter("a").IncrementAsync();
        await Counter("a").IncrementAsync();
        await Counter("b").IncrementAsync();

        var countOfA = await Counter("a").GetAsync();
        var countOfB = await Counter("b").GetAsync();
        Assert.Equal(2, countOfA);
        Assert.Equal(1, countOfB);
    }

    [Fact]
    public async Task AFailedCallDiscardsTheStateItChangedAndSurfacesAsAnActorError()
    {
        var counter = Counter("c-1");
        await counter.IncrementAsync();

        await Assert.ThrowsAsync<ActorMethodInvocationException>(counter.FailAfterChangingStateAsync);

        Assert.Equal(1, await counter.GetAsync());
    }

    [Fact]
    public async Task StateIsSavedToTheActorStoreAndSurvivesReactivation()
    {
        await Counter("c-1").IncrementAsync();

        _fabric.Actors.DeactivateAll();

        Assert.Equal(1, await Counter("c-1").GetAsync());
        Assert.Contains("host||CounterActor||c-1||count", _fabric.StateStore("actors").Snapshot().Keys);
    }

    [Fact]
    public async Task AReminderFiresWhenTheClockReachesItAndThenEveryPeriod()
    {
        var counter = Counter("c-1");
        await counter.StartRemindingAsync(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1));

        await _fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(4));
        var beforeDue = await counter.GetAsync();
        await _fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(3));
        var afterThreeFirings = await counter.GetAsync();
        await counter.StopRemindingAsync();
        await _fabric.AdvanceTimeAsync(TimeSpan.FromHours(1));

        Assert.Equal(0, beforeDue);
        Assert.Equal(3, afterThreeFirings);
        Assert.Equal(3, await counter.GetAsync());
    }

    [Fact]
    public async Task AOneShotTimerCallsItsCallbackOnce()
    {
        var counter = Counter("c-1");
        await counter.StartTimerAsync(TimeSpan.FromSeconds(30));

        await _fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(10));

        Assert.Equal(1, await counter.GetAsync());
        Assert.Empty(_fabric.Actors.Scheduled);
    }

    [Fact]
    public async Task AnActorTypeNoAppHostsCannotBeCalled()
    {
        var nowhere = _fabric.Actors.ProxyFactoryFor("host").CreateActorProxy<ICounter>(new ActorId("x"), "Nowhere");

        await Assert.ThrowsAsync<ActorMethodInvocationException>(nowhere.GetAsync);
    }

    private ICounter Counter(string id) =>
        _host.Services.GetRequiredService<IActorProxyFactory>().CreateActorProxy<ICounter>(new ActorId(id), nameof(CounterActor));
}
