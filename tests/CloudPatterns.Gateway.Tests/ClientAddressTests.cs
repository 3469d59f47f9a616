namespace CloudPatterns.Gateway.Tests;

/// <summary>
/// Anonymous callers are known by their address: the connection's, or behind a proxy the one the proxy saw -
/// trusted only from Gateway:TrustedProxies. IPv6 clients are known by their /64.
/// </summary>
public sealed class ClientAddressTests
{
    private const string Product = "/api/products/LAMP-DESK-LED";

    private static Dictionary<string, string?> Settings(params string[] trustedProxies)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:RateLimits:Families:catalog:PermitLimit"] = "2",
            // The first release's switch: with it, X-Forwarded-For was taken from anyone.
            ["Gateway:TrustForwardedHeaders"] = "true",
        };
        for (var i = 0; i < trustedProxies.Length; i++)
        {
            settings[$"Gateway:TrustedProxies:{i}"] = trustedProxies[i];
        }

        return settings;
    }

    /// <summary>The status of one request for the product, from a caller connecting from <paramref name="address"/>.</summary>
    private static async Task<HttpStatusCode> StatusFrom(GatewayHost host, string address)
    {
        using var client = host.Public(peer: address);
        using var response = await client.GetAsync(Product);
        return response.StatusCode;
    }

    /// <summary>Peers the gateway does not trust, by the proxies it trusts ("": none).</summary>
    public static TheoryData<string, string> UntrustedPeers => TheoryGroups.Of(
        ("", ["203.0.113.9"]),
        ("10.0.0.0/8", ["203.0.113.9", "127.0.0.1", "::1"]));

    /// <summary>A proxy on this machine is no exception: ASP.NET Core trusts loopback by default, the gateway only what it is given.</summary>
    [Theory, MemberData(nameof(UntrustedPeers))]
    public async Task RotatingXForwardedForFromAnUntrustedPeerGivesNoFreshBudget(string trustedProxy, string peer)
    {
        await using var host = await GatewayHost.StartAsync(trustedProxy.Length == 0 ? Settings() : Settings(trustedProxy));
        using var client = host.Public(peer: peer);

        var statuses = new List<HttpStatusCode>();
        foreach (var claimed in new[] { "198.51.100.1", "198.51.100.2", "198.51.100.3" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Product);
            request.Headers.Add("X-Forwarded-For", claimed);
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task BehindATrustedProxyEachClientHasItsOwnBudgetWhateverItPrepends()
    {
        await using var host = await GatewayHost.StartAsync(Settings("10.0.0.0/8"));
        using var proxy = host.Public(peer: "10.1.2.3");

        async Task<HttpStatusCode> AsSeenByProxy(string forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Product);
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await proxy.SendAsync(request);
            return response.StatusCode;
        }

        var ada = new[]
        {
            await AsSeenByProxy("198.51.100.7"),
            await AsSeenByProxy("1.1.1.1, 198.51.100.7"),
            await AsSeenByProxy("2.2.2.2, 198.51.100.7"),
        };
        var bob = await AsSeenByProxy("198.51.100.8");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], ada);
        Assert.Equal(HttpStatusCode.OK, bob);
    }

    [Fact]
    public async Task IPv6ClientsShareOneBudgetPerSlash64()
    {
        await using var host = await GatewayHost.StartAsync(Settings());

        var sameNetwork = new[]
        {
            await StatusFrom(host, "2001:db8:1:2::1"), await StatusFrom(host, "2001:db8:1:2:ffff:ffff:ffff:9"), await StatusFrom(host, "2001:db8:1:2::77"),
        };
        var nextNetwork = await StatusFrom(host, "2001:db8:1:3::1");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], sameNetwork);
        Assert.Equal(HttpStatusCode.OK, nextNetwork);
    }

    [Fact]
    public async Task AnIPv4ClientSeenThroughADualStackSocketIsTheSameClient()
    {
        await using var host = await GatewayHost.StartAsync(Settings());

        var statuses = new[] { await StatusFrom(host, "198.51.100.7"), await StatusFrom(host, "::ffff:198.51.100.7"), await StatusFrom(host, "198.51.100.7") };

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Theory]
    [InlineData("10.1.2.3", "10.1.2.4")]
    [InlineData("2001:db8:1::3", "2001:db8:2::3")]
    public async Task ATrustedProxyGivenAsOneAddressIsTrustedAtThatAddressOnly(string proxyAddress, string neighbour)
    {
        await using var host = await GatewayHost.StartAsync(Settings(proxyAddress));

        async Task<HttpStatusCode> Via(string proxy, string forwardedFor)
        {
            using var client = host.Public(peer: proxy);
            using var request = new HttpRequestMessage(HttpMethod.Get, Product);
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        // Behind the proxy each client has its own budget of two; its neighbour is not trusted, so its clients share its own.
        var trusted = new[] { await Via(proxyAddress, "198.51.100.1"), await Via(proxyAddress, "198.51.100.2"), await Via(proxyAddress, "198.51.100.3") };
        var untrusted = new[] { await Via(neighbour, "198.51.100.4"), await Via(neighbour, "198.51.100.5"), await Via(neighbour, "198.51.100.6") };

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], trusted);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], untrusted);
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("not-a-network")]
    public async Task ATrustedProxyThatIsNotANetworkStopsTheGatewayAtStartUp(string network)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => GatewayHost.StartAsync(Settings(network)));

        Assert.Contains($"'{network}' is not a network (CIDR such as 10.0.0.0/16) or an address.", failure.ToString(), StringComparison.Ordinal);
        Assert.Contains("TrustedProxies", failure.ToString(), StringComparison.Ordinal);
    }
}
