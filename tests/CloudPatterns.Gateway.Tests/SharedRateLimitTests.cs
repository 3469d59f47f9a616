namespace CloudPatterns.Gateway.Tests;

/// <summary>
/// One budget per caller across every gateway replica, kept in gateway-store: no replica ever grants past the limit,
/// and a caller may be refused early by at most the permits other replicas leased and have not used
/// (at most max(1, min(slice, limit / 4)) each, a slice being LeaseSize or 1 % of the limit, whichever is more).
/// Windows on the fabric's clock.
/// </summary>
public sealed class SharedRateLimitTests
{
    private const string Payment = "/api/payments/pay_1";

    private static Dictionary<string, string?> Limits(int payments = 100, int orders = 1000, int global = 5000) => new()
    {
        ["Gateway:RateLimits:Families:payments:PermitLimit"] = $"{payments}",
        ["Gateway:RateLimits:Families:orders:PermitLimit"] = $"{orders}",
        ["Gateway:RateLimits:Global:PermitLimit"] = $"{global}",
    };

    /// <summary>What the gateway counts in one of its rate limiter's counters (cloudpatterns.gateway.rate_limit.<paramref name="name"/>).</summary>
    private static MetricCollector<long> Counter(GatewayHost host, string name) =>
        new(host.Gateway.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "CloudPatterns.Gateway", $"cloudpatterns.gateway.rate_limit.{name}");

    /// <summary>What a caller may lose to permits leased by the other replica and not used: max(1, min(10, limit / 4)).</summary>
    private static int MostStranded(int limit) => Math.Max(1, Math.Min(10, limit / 4));

    /// <summary>Ada's clients on the first replica and on a second one, started with the same settings (both go with the host).</summary>
    private static (HttpClient ViaFirst, HttpClient ViaSecond) AdaOnTwoReplicas(GatewayHost host)
    {
        var second = host.AddReplica();
        return (host.Public(host.Fabric.Tokens.Customer("ada")), host.Public(host.Fabric.Tokens.Customer("ada"), replica: second));
    }

    [Fact]
    public async Task TwoReplicasGrantOneBudgetBetweenThem()
    {
        await using var host = await GatewayHost.StartAsync(Limits(payments: 10));
        var (viaFirst, viaSecond) = AdaOnTwoReplicas(host);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            using var response = await (i % 2 == 0 ? viaFirst : viaSecond).GetAsync(Payment);
            statuses.Add(response.StatusCode);
        }

        var granted = statuses.Count(s => s == HttpStatusCode.OK);
        Assert.InRange(granted, 10 - MostStranded(10), 10);
        Assert.Equal(granted, host.Echo[AppIds.PaymentService].Received.Count);
        Assert.All(statuses.Where(s => s != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }

    [Fact]
    public async Task ConcurrentRequestsOnTwoReplicasNeverGetPastTheLimit()
    {
        await using var host = await GatewayHost.StartAsync(Limits(payments: 10));
        var (viaFirst, viaSecond) = AdaOnTwoReplicas(host);

        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => (i % 2 == 0 ? viaFirst : viaSecond).GetAsync(Payment)));

        var granted = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.InRange(granted, 10 - MostStranded(10), 10);
        Assert.Equal(granted, host.Echo[AppIds.PaymentService].Received.Count);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode);
            Assert.InRange(r.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        });
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task AWindowUsedUpOnOneReplicaIsUsedUpOnTheOtherUntilItsTimeIsUp()
    {
        await using var host = await GatewayHost.StartAsync(Limits(payments: 4));
        var (viaFirst, viaSecond) = AdaOnTwoReplicas(host);

        var first = await GatewayHost.StatusesAsync(viaFirst, Payment, 5);
        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(40));
        using var onSecond = await viaSecond.GetAsync(Payment);
        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(20));
        var afterTheHour = new[] { (await GatewayHost.StatusesAsync(viaSecond, Payment, 1))[0], (await GatewayHost.StatusesAsync(viaFirst, Payment, 1))[0] };

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);
        Assert.Equal(HttpStatusCode.TooManyRequests, onSecond.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(20), onSecond.Headers.RetryAfter?.Delta);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], afterTheHour);
    }

    [Fact]
    public async Task ARequestRefusedByItsFamilyLimitDoesNotCountAgainstTheGlobalLimit()
    {
        await using var host = await GatewayHost.StartAsync(Limits(payments: 2, global: 5));
        using var ada = host.Public(host.Fabric.Tokens.Customer("ada"));

        var payments = await GatewayHost.StatusesAsync(ada, Payment, 5);
        var orders = await GatewayHost.StatusesAsync(ada, "/api/orders/o-1", 4);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], payments);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], orders);
    }

    [Fact]
    public async Task MostRequestsCostNoStoreCallAndRefusalsAfterTheFirstCostNone()
    {
        await using var host = await GatewayHost.StartAsync(Limits(payments: 100));
        using var storeCalls = Counter(host, "store_calls");
        using var ada = host.Public(host.Fabric.Tokens.Customer("ada"));

        var statuses = await GatewayHost.StatusesAsync(ada, Payment, 101);
        var forTheBudget = storeCalls.GetMeasurementSnapshot().EvaluateAsCounter();
        await GatewayHost.StatusesAsync(ada, Payment, 50);
        var forLaterRefusals = storeCalls.GetMeasurementSnapshot().EvaluateAsCounter() - forTheBudget;

        Assert.All(statuses.Take(100), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        // 100 payments (limit 100) and 101 global permits (limit 5000), leased 10 at a time, fewer near the end.
        Assert.InRange(forTheBudget, 1, 70);
        Assert.Equal(0, forLaterRefusals);
    }

    [Fact]
    public async Task ALargeBudgetIsLeasedAPercentAtATime()
    {
        await using var host = await GatewayHost.StartAsync(Limits(orders: 100_000, global: 5000));
        using var storeCalls = Counter(host, "store_calls");
        using var ada = host.Public(host.Fabric.Tokens.Customer("ada"));

        var statuses = await GatewayHost.StatusesAsync(ada, "/api/orders/o-1", 100);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        // A read and a write per lease: two global leases of 50 (1 % of 5000) and one orders lease of 1000 (1 % of
        // 100,000); with slices of LeaseSize (10) alone it would have been twenty leases.
        Assert.Equal(
            ["read", "read", "read", "write", "write", "write"],
            storeCalls.GetMeasurementSnapshot().Select(m => (string)m.Tags["operation"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AWindowsRecordOutlivesTheWindowByAMinuteAndThenLeavesTheStore()
    {
        await using var host = await GatewayHost.StartAsync(Limits(payments: 4));
        using var ada = host.Public(host.Fabric.Tokens.Customer("ada"));
        var store = host.Fabric.StateStore("gateway-store");
        var payments = StableIds.Hex("ratelimit:family/payments:", "user:ada");

        await GatewayHost.StatusesAsync(ada, Payment, 1); // leases the global window (50) and one payment: both until 10:01
        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromSeconds(0.5));
        await GatewayHost.StatusesAsync(ada, Payment, 1); // leases one more payment: 3599.5 s left, kept 3660 s (whole seconds, rounded up)
        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromSeconds(3659.75));
        var justBefore = store.Snapshot().Keys.ToList();
        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromSeconds(0.25));

        Assert.Equal([payments], justBefore.Select(k => k.Split("||")[^1]));
        Assert.Empty(store.Snapshot());
    }

    [Fact]
    public async Task WhileTheStoreIsUnreachableEachReplicaKeepsItsOwnCountAndNothingFails()
    {
        await using var host = await GatewayHost.StartAsync(Limits(payments: 3));
        using var ada = host.Public(host.Fabric.Tokens.Customer("ada"));
        var store = host.Fabric.StateStore("gateway-store");

        store.Unavailable = true;
        var duringTheOutage = await GatewayHost.StatusesAsync(ada, Payment, 4);
        store.Unavailable = false;
        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromHours(1));
        var writesBefore = store.WriteCount;
        var afterIt = await GatewayHost.StatusesAsync(ada, Payment, 4);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], duringTheOutage);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], afterIt);
        Assert.True(store.WriteCount > writesBefore, "after the outage the budget is shared again");
    }

    [Fact]
    public async Task ACallerWhoseLeaseOtherReplicasKeepWinningIsToldToComeBackInASecondNotQueued()
    {
        await using var host = await GatewayHost.StartAsync(Limits(payments: 10));
        using var lostRaces = Counter(host, "lost_races");
        using var ada = host.Public(host.Fabric.Tokens.Customer("ada"));

        var firstLease = await GatewayHost.StatusesAsync(ada, Payment, 2); // a quarter of the ten left, rounded down
        HttpResponseMessage refused;
        using (host.Fabric.StateStore("gateway-store").Contend(StableIds.Hex("ratelimit:family/payments:", "user:ada")))
        {
            refused = await ada.GetAsync(Payment);
        }

        var onceTheRacesStop = await GatewayHost.StatusesAsync(ada, Payment, 1);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], firstLease);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(5, lostRaces.GetMeasurementSnapshot().EvaluateAsCounter()); // every attempt lost, then no more
        Assert.Equal([HttpStatusCode.OK], onceTheRacesStop);
        refused.Dispose();
    }

    /// <summary>What an operator reads beside the rate limiter: each decision by outcome and by where it was made, the store's calls and lost races.</summary>
    [Fact]
    public async Task EachDecisionIsCountedWithItsOutcomeAndWhereItWasMade()
    {
        await using var host = await GatewayHost.StartAsync(Limits(payments: 2));
        using var decisions = Counter(host, "decisions");
        using var storeCalls = Counter(host, "store_calls");
        using var lostRaces = Counter(host, "lost_races");
        using var ada = host.Public(host.Fabric.Tokens.Customer("ada"));

        var statuses = await GatewayHost.StatusesAsync(ada, Payment, 3);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        // Per request a global and a payments decision. Payments: leased one at a time (a quarter of what is left, at
        // least one), so each asks the store, and the third finds the window used up. Global: one lease of 50 serves all.
        Assert.Equal(
            ["granted lease", "granted lease", "granted store", "granted store", "granted store", "refused store"],
            decisions.GetMeasurementSnapshot().Select(m => $"{m.Tags["outcome"]} {m.Tags["source"]}").Order(StringComparer.Ordinal));
        Assert.Equal("{request}", decisions.Instrument!.Unit);
        Assert.Equal("Rate-limit decisions", decisions.Instrument.Description);
        Assert.Equal("{call}", storeCalls.Instrument!.Unit);
        Assert.Equal("Calls to gateway-store for rate limits", storeCalls.Instrument.Description);
        Assert.Equal("{write}", lostRaces.Instrument!.Unit);
        Assert.Equal("Lease writes another replica got in first", lostRaces.Instrument.Description);
    }

    [Fact]
    public async Task TheStoreHoldsNoUserIdOrAddressInTheClear()
    {
        await using var host = await GatewayHost.StartAsync();
        using var ada = host.Public(host.Fabric.Tokens.Customer("ada-lovelace"));
        using var anonymous = host.Public(peer: "198.51.100.77");

        await GatewayHost.StatusesAsync(ada, Payment, 2);
        await GatewayHost.StatusesAsync(anonymous, "/api/products/LAMP-DESK-LED", 2);

        var stored = host.Fabric.StateStore("gateway-store").Snapshot();
        Assert.NotEmpty(stored);
        var everything = string.Join("\n", stored.Select(s => s.Key + " " + Encoding.UTF8.GetString(s.Value)));
        Assert.DoesNotContain("ada-lovelace", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("198.51.100.77", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthProbesAreNeverLimited()
    {
        await using var host = await GatewayHost.StartAsync(Limits(global: 2));
        using var client = host.Public();

        await GatewayHost.StatusesAsync(client, "/api/products/LAMP-DESK-LED", 3);
        var probes = (await GatewayHost.StatusesAsync(client, "/alive", 5)).Concat(await GatewayHost.StatusesAsync(client, "/health", 5));
        var answer = await client.GetFromJsonAsync<JsonObject>("/health");

        Assert.All(probes, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal("Healthy", answer!["status"]!.GetValue<string>());
    }
}
