namespace CloudPatterns.Gateway.Tests;

/// <summary>Per caller, per route family, plus a global limit; windows on the fabric's fake clock.</summary>
public sealed class RateLimitTests
{
    private static Dictionary<string, string?> Limits(int payments = 100, int orders = 1000, int global = 5000) => new()
    {
        ["Gateway:RateLimits:Families:payments:PermitLimit"] = $"{payments}",
        ["Gateway:RateLimits:Families:orders:PermitLimit"] = $"{orders}",
        ["Gateway:RateLimits:Global:PermitLimit"] = $"{global}",
    };

    [Fact]
    public async Task ConcurrentRequestsNeverGetPastTheLimitAndTheRestAre429WithRetryAfter()
    {
        await using var host = await GatewayHost.StartAsync(Limits(payments: 5));
        using var client = host.Public(host.Fabric.Tokens.Customer("ada"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => client.GetAsync("/api/payments/pay_1")));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(5, host.Echo[AppIds.PaymentService].Received.Count);
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(35, refused.Count);
        Assert.All(refused, r => Assert.Equal(TimeSpan.FromHours(1), r.Headers.RetryAfter?.Delta));
        var problem = await refused[0].Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal(429, problem!.Status);
        Assert.Equal("Too many requests.", problem.Title);
        Assert.Equal("The rate limit for this caller is used up; try again in 3600 s.", problem.Detail);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task TheWindowOpensAgainWhenItsHourIsUpOnTheClock()
    {
        await using var host = await GatewayHost.StartAsync(Limits(payments: 2));
        using var client = host.Public(host.Fabric.Tokens.Customer("ada"));
        await GatewayHost.StatusesAsync(client, "/api/payments/pay_1", 2);

        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(45));
        var stillRefused = await GatewayHost.StatusesAsync(client, "/api/payments/pay_1", 1);
        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(15));
        var againAllowed = await GatewayHost.StatusesAsync(client, "/api/payments/pay_1", 3);

        Assert.Equal([HttpStatusCode.TooManyRequests], stillRefused);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], againAllowed);
    }

    [Fact]
    public async Task EachCallerAndEachRouteFamilyHasItsOwnBudget()
    {
        await using var host = await GatewayHost.StartAsync(Limits(payments: 2, orders: 3));
        using var ada = host.Public(host.Fabric.Tokens.Customer("ada"));
        using var bob = host.Public(host.Fabric.Tokens.Customer("bob"));

        var adaPayments = await GatewayHost.StatusesAsync(ada, "/api/payments/pay_1", 3);
        var bobPayments = await GatewayHost.StatusesAsync(bob, "/api/payments/pay_2", 2);
        var adaOrders = await GatewayHost.StatusesAsync(ada, "/api/orders/o-1", 3);

        Assert.Equal(HttpStatusCode.TooManyRequests, adaPayments[^1]);
        Assert.All(bobPayments, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(adaOrders, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task TheGlobalLimitCountsEveryRouteTogether()
    {
        await using var host = await GatewayHost.StartAsync(Limits(global: 4));
        using var ada = host.Public(host.Fabric.Tokens.Customer("ada"));

        var statuses = new[]
        {
            (await GatewayHost.StatusesAsync(ada, "/api/orders/o-1", 2))[0],
            (await GatewayHost.StatusesAsync(ada, "/api/payments/pay_1", 2))[1],
            (await GatewayHost.StatusesAsync(ada, "/api/products", 1))[0],
        };

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(4, host.Forwarded.Count);
    }

    [Fact]
    public async Task TheDefaultsAreTheGuidesNumbers()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.Public(host.Fabric.Tokens.Customer("ada"));

        var payments = await GatewayHost.StatusesAsync(client, "/api/payments/pay_1", 101);

        Assert.Equal(100, payments.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, payments[^1]);
    }
}
