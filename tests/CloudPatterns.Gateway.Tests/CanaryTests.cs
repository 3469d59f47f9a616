namespace CloudPatterns.Gateway.Tests;

/// <summary>The guide's canary for product-service: a header, or a sticky weighted split per caller.</summary>
public sealed class CanaryTests
{
    private const string Candidate = "product-service-v2";

    /// <summary>product-service's canary; a null <paramref name="candidate"/> is left out of the configuration.</summary>
    private static Dictionary<string, string?> Canary(int percent, string? candidate = Candidate)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:Canary:0:App"] = AppIds.ProductService,
            ["Gateway:Canary:0:Percent"] = $"{percent}",
        };
        if (candidate is not null)
        {
            settings["Gateway:Canary:0:Candidate"] = candidate;
        }

        return settings;
    }

    [Theory]
    [InlineData("true", Candidate)]
    [InlineData("false", AppIds.ProductService)]
    public async Task TheCanaryHeaderChoosesTheVersion(string header, string expectedApp)
    {
        await using var host = await GatewayHost.StartAsync(Canary(percent: 50), [Candidate]);
        using var client = host.Public();
        client.DefaultRequestHeaders.Add("x-canary", header);

        for (var i = 0; i < 10; i++)
        {
            using var response = await client.GetAsync("/api/products/LAMP-DESK-LED");
            Assert.Equal(header, response.Headers.GetValues("x-canary").Single());
        }

        Assert.Equal(10, host.Echo[expectedApp].Received.Count);
    }

    [Fact]
    public async Task AdminsReadTheSplitAsConfiguredAndAsServed()
    {
        await using var host = await GatewayHost.StartAsync(Canary(percent: 50), [Candidate]);
        foreach (var (header, times) in new[] { ("true", 3), ("false", 2) })
        {
            using var client = host.Public();
            client.DefaultRequestHeaders.Add("x-canary", header);
            for (var i = 0; i < times; i++)
            {
                using var response = await client.GetAsync("/api/products/LAMP-DESK-LED");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        using var admin = host.Public(host.Fabric.Tokens.Admin());
        var split = Assert.Single((await admin.GetFromJsonAsync<CanarySplit[]>("/api/admin/canary", JsonDefaults.Options))!);

        Assert.Equal(new CanarySplit(AppIds.ProductService, Candidate, 50, ServedStable: 2, ServedCandidate: 3), split);
        using var customer = host.Public(host.Fabric.Tokens.Customer("ada"));
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/admin/canary")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Public().GetAsync("/api/admin/canary")).StatusCode);
    }

    [Fact]
    public async Task WithoutACandidateTheSplitSaysNoneIsDeployed()
    {
        await using var host = await GatewayHost.StartAsync(Canary(percent: 20, candidate: string.Empty), [Candidate]);
        using var admin = host.Public(host.Fabric.Tokens.Admin());

        var split = Assert.Single((await admin.GetFromJsonAsync<CanarySplit[]>("/api/admin/canary", JsonDefaults.Options))!);

        Assert.Equal(new CanarySplit(AppIds.ProductService, null, 20, 0, 0), split);
    }

    [Fact]
    public void TenThousandCallersSplitEightyTwentyWithinTolerance()
    {
        var toCandidate = Enumerable.Range(0, 10_000).Count(i => CanaryRouter.Bucket($"user:customer-{i}", AppIds.ProductService) < 20);

        Assert.InRange(toCandidate, 1_850, 2_150);
    }

    [Fact]
    public async Task EachCallerStaysOnOneVersion()
    {
        await using var host = await GatewayHost.StartAsync(Canary(percent: 20), [Candidate]);
        var users = Enumerable.Range(0, 30).Select(i => $"customer-{i}").ToList();

        foreach (var user in users)
        {
            using var client = host.Public(host.Fabric.Tokens.Customer(user));
            var versions = new HashSet<string>();
            for (var i = 0; i < 5; i++)
            {
                using var response = await client.GetAsync("/api/products/LAMP-DESK-LED");
                versions.Add(response.Headers.GetValues("x-canary").Single());
            }

            var expected = CanaryRouter.Bucket($"user:{user}", AppIds.ProductService) < 20 ? "true" : "false";
            Assert.Equal([expected], versions);
        }

        Assert.NotEmpty(host.Echo[Candidate].Received);
        Assert.NotEmpty(host.Echo[AppIds.ProductService].Received);
    }

    /// <summary>Percent is how many buckets of a hundred go to the candidate: 0 sends nobody, 100 everybody.</summary>
    [Theory]
    [InlineData(0, 0, "false")]
    [InlineData(1, 0, "true")]
    [InlineData(1, 1, "false")]
    [InlineData(99, 99, "false")]
    [InlineData(100, 99, "true")]
    public async Task ACallerGoesToTheCandidateWhenTheirBucketIsBelowThePercent(int percent, int bucket, string toCandidate)
    {
        await using var host = await GatewayHost.StartAsync(Canary(percent), [Candidate]);
        var user = Enumerable.Range(0, 10_000).Select(i => $"customer-{i}").First(u => CanaryRouter.Bucket($"user:{u}", AppIds.ProductService) == bucket);
        using var client = host.Public(host.Fabric.Tokens.Customer(user));

        using var response = await client.GetAsync("/api/products/LAMP-DESK-LED");

        Assert.Equal(toCandidate, response.Headers.GetValues("x-canary").Single());
    }

    [Fact]
    public void CallersAreSpreadEvenlyOverAHundredBucketsAndEachAppSplitsThemAfresh()
    {
        var callers = Enumerable.Range(0, 10_000).Select(i => $"user:customer-{i}").ToList();

        var buckets = callers.Select(c => CanaryRouter.Bucket(c, AppIds.ProductService)).ToList();
        var elsewhere = callers.Select(c => CanaryRouter.Bucket(c, AppIds.OrderService)).ToList();

        Assert.Equal(Enumerable.Range(0, 100), buckets.Distinct().Order());
        Assert.All(buckets.CountBy(b => b), b => Assert.InRange(b.Value, 50, 150));
        Assert.InRange(buckets.Zip(elsewhere).Count(p => p.First == p.Second), 50, 150); // about one in a hundred by chance
    }

    [Fact]
    public async Task WithoutACandidateEverythingGoesToTheStableVersion()
    {
        await using var host = await GatewayHost.StartAsync(Canary(percent: 100, candidate: string.Empty), [Candidate]);
        using var client = host.Public();
        client.DefaultRequestHeaders.Add("x-canary", "true");

        using var response = await client.GetAsync("/api/products/LAMP-DESK-LED");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("x-canary"));
        Assert.Single(host.Echo[AppIds.ProductService].Received);
        Assert.Empty(host.Echo[Candidate].Received);
    }

    /// <summary>An entry that names no candidate at all (not even an empty one, as appsettings.json does for product-service's).</summary>
    [Fact]
    public async Task ACanaryThatNamesNoCandidateSendsEverythingToTheStableVersion()
    {
        var settings = Canary(percent: 20);
        settings["Gateway:Canary:1:App"] = AppIds.OrderService;
        settings["Gateway:Canary:1:Percent"] = "100";
        await using var host = await GatewayHost.StartAsync(settings, [Candidate]);
        using var ada = host.Public(host.Fabric.Tokens.Customer("ada"));
        using var admin = host.Public(host.Fabric.Tokens.Admin());

        using var response = await ada.GetAsync("/api/orders/o-1");
        var splits = (await admin.GetFromJsonAsync<CanarySplit[]>("/api/admin/canary", JsonDefaults.Options))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Echo[AppIds.OrderService].Received);
        Assert.Null(Assert.Single(splits, s => s.App == AppIds.OrderService).Candidate);
    }

    [Fact]
    public async Task OtherAppsAreNeverSplit()
    {
        await using var host = await GatewayHost.StartAsync(Canary(percent: 100), [Candidate]);
        using var client = host.Public(host.Fabric.Tokens.Customer("ada"));

        using var response = await client.GetAsync("/api/orders/o-1");

        Assert.Single(host.Echo[AppIds.OrderService].Received);
        Assert.False(response.Headers.Contains("x-canary"));
    }

    [Theory]
    [InlineData("Gateway:Canary:0:App", "", "Canary:0:App", "Gateway:Canary:0: The App field is required.")]
    [InlineData("Gateway:Canary:1:Candidate", "order-service-v2", "Canary:1:App", "Gateway:Canary:1: The App field is required.")]
    [InlineData("Gateway:Canary:0:Percent", "101", "Canary:0:Percent", "Gateway:Canary:0: The field Percent must be between 0 and 100.")]
    [InlineData("Gateway:Canary:0:Percent", "-1", "Canary:0:Percent", "Gateway:Canary:0: The field Percent must be between 0 and 100.")]
    public async Task ACanaryWithoutAnAppOrWithAShareOutsideAHundredStopsTheGatewayAtStartUp(string key, string value, string member, string reason)
    {
        var settings = Canary(percent: 20);
        settings[key] = value;

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => GatewayHost.StartAsync(settings, [Candidate]));

        Assert.Contains($"'{member}' with the error: '{reason}'", failure.ToString(), StringComparison.Ordinal);
    }
}
