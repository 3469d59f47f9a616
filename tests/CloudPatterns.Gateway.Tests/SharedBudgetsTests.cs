namespace CloudPatterns.Gateway.Tests;

/// <summary>
/// One replica's shared budgets against a store it can watch: how much each lease takes, when a window ends, which
/// answers cost a store call, what happens when the store fails or other replicas keep winning, and which permits a
/// refusal hands back. (SharedRateLimitTests shows the same through replicas of the gateway.)
/// </summary>
public sealed class SharedBudgetsTests : IDisposable
{
    private const string Ada = "user:ada";
    private static readonly DateTimeOffset s_start = new(2025, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(s_start);
    private readonly Windows _store = new();
    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggers;

    public SharedBudgetsTests() => _loggers = LoggerFactory.Create(CapturingLoggerProvider.CaptureLogs(_logs));

    public void Dispose()
    {
        _loggers.Dispose();
        _meters.Dispose();
    }

    [Fact]
    public async Task ALeaseTakesAQuarterOfWhatIsLeftAtLeastOneAndAtMostASlice()
    {
        var budgets = Budgets(global: 8);

        var granted = await AdmitAsync(budgets, 9);

        Assert.Equal([true, true, true, true, true, true, true, true, false], granted.Select(d => d.Granted));
        // 8 left: a quarter is 2; then 6, 5, 4: a quarter rounds down to 1; 3, 2, 1: at least 1.
        Assert.Equal([2, 3, 4, 5, 6, 7, 8], _store.Written.Select(w => w.Leased));
    }

    [Fact]
    public async Task ALeaseIsNeverMoreThanASlice()
    {
        var budgets = Budgets(global: 100, leaseSize: 7);

        await AdmitAsync(budgets, 1);

        Assert.Equal([7], _store.Written.Select(w => w.Leased)); // a quarter of 100 is 25, the slice 7
        Assert.Equal(7, new RateLimitOptions { LeaseSize = 7, LeasePercent = 1 }.SliceOf(new RateLimit { PermitLimit = 699 }));
        Assert.Equal(8, new RateLimitOptions { LeaseSize = 7, LeasePercent = 1 }.SliceOf(new RateLimit { PermitLimit = 800 }));
        Assert.Equal(2_500_000, new RateLimitOptions { LeaseSize = 7, LeasePercent = 25 }.SliceOf(new RateLimit { PermitLimit = 10_000_000 }));
    }

    [Fact]
    public async Task AWindowEndsItsLengthAfterItBeganAndAUsedUpOneSaysHowLongIsLeft()
    {
        var budgets = Budgets(global: 1);

        var first = await budgets.AdmitAsync(Ada, null, default);
        _time.Advance(TimeSpan.FromMinutes(59) + TimeSpan.FromSeconds(59));
        var lastSecond = await budgets.AdmitAsync(Ada, null, default);
        _time.Advance(TimeSpan.FromSeconds(1));
        var nextWindow = await budgets.AdmitAsync(Ada, null, default);

        Assert.True(first.Granted);
        AssertRefused(lastSecond, TimeSpan.FromSeconds(1));
        Assert.True(nextWindow.Granted);
        Assert.Equal([s_start, s_start + TimeSpan.FromHours(1)], _store.Written.Select(w => w.Start));
        Assert.Equal([TimeSpan.FromHours(1), TimeSpan.FromHours(1)], _store.Expiries); // the record lives as long as its window
    }

    [Fact]
    public async Task ARefusalKnownHereCostsNoStoreCallUntilItsWindowEndsEvenAfterBudgetsAreSwept()
    {
        var (replica, other) = (Budgets(global: 1), Budgets(global: 1));
        await other.AdmitAsync(Ada, null, default); // the other replica uses the window up
        var first = await replica.AdmitAsync(Ada, null, default);
        var reads = _store.Reads;

        _time.Advance(TimeSpan.FromMinutes(58)); // budgets are swept once a minute
        var later = await replica.AdmitAsync(Ada, null, default);

        AssertRefused(first, TimeSpan.FromHours(1));
        AssertRefused(later, TimeSpan.FromMinutes(2));
        Assert.Equal(reads, _store.Reads);
    }

    [Fact]
    public async Task PermitsLeasedHereAreGrantedWithoutTheStoreUntilTheirWindowEndsEvenAfterBudgetsAreSwept()
    {
        var budgets = Budgets(global: 100);
        await AdmitAsync(budgets, 1); // leases 10

        _time.Advance(TimeSpan.FromMinutes(30));
        var later = await AdmitAsync(budgets, 9);
        var readsWithinTheWindow = _store.Reads;
        _time.Advance(TimeSpan.FromMinutes(30));
        await AdmitAsync(budgets, 1);

        Assert.All(later, d => Assert.True(d.Granted));
        Assert.Equal(1, readsWithinTheWindow);
        Assert.Equal(2, _store.Reads);
    }

    [Fact]
    public async Task PermitsLeasedFromAWindowThatHasEndedAreNotGranted()
    {
        var budgets = Budgets(global: 100);
        await AdmitAsync(budgets, 1); // leases 10, 9 left here

        _time.Advance(TimeSpan.FromMinutes(59) + TimeSpan.FromSeconds(30));
        await AdmitAsync(budgets, 1); // from the lease (and budgets are swept)
        _time.Advance(TimeSpan.FromSeconds(30)); // the window's end, before the next sweep
        await AdmitAsync(budgets, 1);

        Assert.Equal(2, _store.Reads);
        Assert.Equal([s_start, s_start + TimeSpan.FromHours(1)], _store.Written.Select(w => w.Start));
    }

    [Fact]
    public async Task ACallerWhoseLeaseLosesFiveRacesIsRefusedForASecondAndOneThatWinsTheFifthIsServed()
    {
        var budgets = Budgets(global: 100);

        _store.LoseNext = 4;
        var fifthWins = await budgets.AdmitAsync(Ada, null, default);
        _store.LoseNext = 5;
        var allLost = await budgets.AdmitAsync("user:grace", null, default);

        Assert.True(fifthWins.Granted);
        AssertRefused(allLost, TimeSpan.FromSeconds(1));
        Assert.Equal(10, _store.Reads);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WhenTheStoreFailsThisReplicaCountsAloneToTheFullLimitAndAsksTheStoreAgainAfterTheInterval(bool unreadable)
    {
        var budgets = Budgets(global: 3);
        using var decisions = Decisions();
        _store.Failure = unreadable ? new JsonException("not a window") : new DaprException("gateway-store is unreachable");

        var alone = await AdmitAsync(budgets, 4);
        var readsDuringTheOutage = _store.Reads;
        _time.Advance(TimeSpan.FromSeconds(30)); // the interval is over: the store is asked again, fails again, and is left alone again
        await AdmitAsync(budgets, 2);
        var readsAtTheInterval = _store.Reads;
        _time.Advance(TimeSpan.FromSeconds(90)); // budgets are swept meanwhile
        var stillDown = await budgets.AdmitAsync(Ada, null, default);
        _store.Failure = null;
        _time.Advance(TimeSpan.FromSeconds(29));
        var beforeTheInterval = await budgets.AdmitAsync(Ada, null, default);
        _time.Advance(TimeSpan.FromSeconds(1));
        var shared = await budgets.AdmitAsync(Ada, null, default);

        Assert.Equal([true, true, true, false], alone.Select(d => d.Granted));
        Assert.Equal(TimeSpan.FromHours(1), alone[3].RetryAfter); // this replica's own window began with the outage
        Assert.Equal(1, readsDuringTheOutage); // one failure, then no more calls until the interval is over
        Assert.Equal(2, readsAtTheInterval);
        AssertRefused(stillDown, TimeSpan.FromMinutes(58)); // its own count goes on
        AssertRefused(beforeTheInterval, TimeSpan.FromMinutes(57) + TimeSpan.FromSeconds(31));
        Assert.True(shared.Granted);
        Assert.Equal(4, _store.Reads);
        Assert.Equal(["granted alone", "granted alone", "granted alone", "granted store", "refused alone", "refused alone", "refused alone", "refused alone", "refused alone"],
            DecisionsMade(decisions));
        Assert.Equal(3, _logs.Lines.Count(line => line.Contains(
            "Rate limits: gateway-store cannot be reached; each replica counts callers on its own for 00:00:30", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AnOutageLongerThanTheWindowCountsAfreshWhenItsOwnWindowEnds()
    {
        var budgets = Budgets(global: 1);
        _store.Failure = new DaprException("gateway-store is unreachable");

        var first = await budgets.AdmitAsync(Ada, null, default);
        _time.Advance(TimeSpan.FromHours(1));
        var nextWindow = await budgets.AdmitAsync(Ada, null, default);

        Assert.True(first.Granted);
        Assert.True(nextWindow.Granted);
    }

    [Fact]
    public async Task RequestsThatArriveWhileALeaseIsBeingTakenWaitAndShareIt()
    {
        var budgets = Budgets(global: 100);
        using var decisions = Decisions();
        _store.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = budgets.AdmitAsync(Ada, null, default).AsTask();
        var second = budgets.AdmitAsync(Ada, null, default).AsTask();
        _store.Hold.SetResult();
        var both = await Task.WhenAll(first, second);

        Assert.All(both, d => Assert.True(d.Granted));
        Assert.Equal(1, _store.Reads);
        Assert.Equal(["granted lease", "granted store"], DecisionsMade(decisions));
    }

    [Fact]
    public async Task APermitTakenFromALeaseIsHandedBackWhenTheFamilyRefuses()
    {
        var budgets = Budgets(global: 8, payments: 1);

        var first = await budgets.AdmitAsync(Ada, "payments", default); // global leases 2, payments 1
        var second = await budgets.AdmitAsync(Ada, "payments", default); // global's second permit, then payments is used up
        var reads = _store.Reads;
        var withoutAFamily = await budgets.AdmitAsync(Ada, null, default);

        Assert.True(first.Granted);
        Assert.False(second.Granted);
        Assert.True(withoutAFamily.Granted);
        Assert.Equal(reads, _store.Reads); // served from the permit handed back
    }

    /// <summary>A client that goes away while its family's lease is still being taken leaves the global permit it was given.</summary>
    [Fact]
    public async Task APermitTakenForARequestWhoseCallerWentAwayIsHandedBack()
    {
        var budgets = Budgets(global: 8);
        await budgets.AdmitAsync(Ada, null, default); // global leases 2: one left here
        _store.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var leaving = new CancellationTokenSource();

        var taking = budgets.AdmitAsync(Ada, "payments", default).AsTask(); // the last global permit here; payments' lease is held up
        _store.Reading = leaving.Cancel; // the client goes away while its global lease is read, before its payments' take begins
        var goingAway = budgets.AdmitAsync(Ada, "payments", leaving.Token).AsTask();
        _store.Reading = null;
        _store.Hold.SetResult();
        await taking;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => goingAway);
        var reads = _store.Reads;
        var next = await budgets.AdmitAsync(Ada, null, default);

        Assert.True(next.Granted);
        Assert.Equal(reads, _store.Reads); // served from the permit handed back
    }

    [Fact]
    public async Task APermitTakenFromTheFamilysLeaseIsHandedBackWhenTheGlobalLimitRefuses()
    {
        var budgets = Budgets(global: 1, orders: 8); // orders' window is two hours, the global one one hour

        await budgets.AdmitAsync(Ada, "orders", default); // orders leases 2
        var refused = await budgets.AdmitAsync(Ada, "orders", default); // orders' second permit, then the global limit is used up
        _time.Advance(TimeSpan.FromHours(1));
        var reads = _store.Reads;
        var nextHour = await budgets.AdmitAsync(Ada, "orders", default);

        Assert.False(refused.Granted);
        Assert.True(nextHour.Granted);
        Assert.Equal(reads + 1, _store.Reads); // the global window only: orders' permit was handed back
    }

    [Fact]
    public async Task APermitCountedAloneIsHandedBackWhenTheFamilyRefuses()
    {
        var budgets = Budgets(global: 3, payments: 1);
        _store.Failure = new DaprException("gateway-store is unreachable");

        var payments = await AdmitAsync(budgets, 3, "payments");
        var withoutAFamily = await AdmitAsync(budgets, 3);

        Assert.Equal([true, false, false], payments.Select(d => d.Granted));
        Assert.Equal([true, true, false], withoutAFamily.Select(d => d.Granted)); // the two refused requests took nothing
    }

    [Fact]
    public async Task TheFamilysRefusalIsTheAnswerWhenOnlyItRefusesAndTheGlobalOneWhenItRefuses()
    {
        var budgets = Budgets(global: 2, payments: 1);

        await budgets.AdmitAsync(Ada, "payments", default);
        _time.Advance(TimeSpan.FromMinutes(10));
        var familyUsedUp = await budgets.AdmitAsync(Ada, "payments", default);
        await budgets.AdmitAsync(Ada, null, default);
        _time.Advance(TimeSpan.FromMinutes(10));
        var globalUsedUp = await budgets.AdmitAsync(Ada, "orders", default);

        AssertRefused(familyUsedUp, TimeSpan.FromMinutes(50));
        AssertRefused(globalUsedUp, TimeSpan.FromMinutes(40));
    }

    private SharedBudgets Budgets(int global, int payments = 1000, int leaseSize = 10, int orders = 1000) => new(
        _store,
        Options.Create(new RateLimitOptions
        {
            Global = new RateLimit { PermitLimit = global },
            Families = new(StringComparer.Ordinal)
            {
                ["payments"] = new RateLimit { PermitLimit = payments },
                ["orders"] = new RateLimit { PermitLimit = orders, Window = TimeSpan.FromHours(2) },
            },
            LeaseSize = leaseSize,
        }),
        _time,
        new RateLimitMetrics(_meters.GetRequiredService<IMeterFactory>()),
        _loggers.CreateLogger<SharedBudgets>());

    private MetricCollector<long> Decisions() =>
        new(_meters.GetRequiredService<IMeterFactory>(), RateLimitMetrics.MeterName, "cloudpatterns.gateway.rate_limit.decisions");

    private static IEnumerable<string> DecisionsMade(MetricCollector<long> decisions) =>
        decisions.GetMeasurementSnapshot().Select(m => $"{m.Tags["outcome"]} {m.Tags["source"]}").Order(StringComparer.Ordinal);

    private static void AssertRefused(BudgetDecision decision, TimeSpan retryAfter)
    {
        Assert.False(decision.Granted, "refused");
        Assert.Equal(retryAfter, decision.RetryAfter);
    }

    private static async Task<List<BudgetDecision>> AdmitAsync(SharedBudgets budgets, int count, string? family = null)
    {
        var decisions = new List<BudgetDecision>();
        for (var i = 0; i < count; i++)
        {
            decisions.Add(await budgets.AdmitAsync(Ada, family, default));
        }

        return decisions;
    }

    /// <summary>gateway-store as one replica sees it: windows with versions as ETags, every read and write counted.</summary>
    private sealed class Windows : ISharedWindowStore
    {
        private readonly Dictionary<string, (SharedWindow Window, int Version)> _windows = new(StringComparer.Ordinal);

        public int Reads { get; private set; }

        public List<SharedWindow> Written { get; } = [];

        public List<TimeSpan> Expiries { get; } = [];

        /// <summary>Thrown by the next calls while set.</summary>
        public Exception? Failure { get; set; }

        /// <summary>So many writes that another replica gets in first.</summary>
        public int LoseNext { get; set; }

        /// <summary>Reads wait for this while set (a slow store).</summary>
        public TaskCompletionSource? Hold { get; set; }

        /// <summary>Runs as each read begins.</summary>
        public Action? Reading { get; set; }

        public async Task<(SharedWindow? Window, string ETag)> GetAsync(string key)
        {
            Reads++;
            Reading?.Invoke();
            if (Hold is { } hold)
            {
                await hold.Task;
            }

            if (Failure is { } failure)
            {
                throw failure;
            }

            return _windows.TryGetValue(key, out var stored) ? (stored.Window, $"{stored.Version}") : (null, string.Empty);
        }

        public Task<bool> TryWriteAsync(string key, SharedWindow window, string etag, TimeSpan left)
        {
            if (LoseNext > 0)
            {
                LoseNext--;
                return Task.FromResult(false);
            }

            var version = _windows.TryGetValue(key, out var stored) ? stored.Version : 0;
            if (etag != (version == 0 ? string.Empty : $"{version}"))
            {
                return Task.FromResult(false);
            }

            _windows[key] = (window, version + 1);
            Written.Add(window);
            Expiries.Add(left);
            return Task.FromResult(true);
        }
    }
}
