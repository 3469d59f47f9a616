namespace CloudPatterns.Gateway.Tests;

/// <summary>The web site's catch-all route: pages reach the web app unchanged, the API keeps its routes, its 404s and its policy.</summary>
public sealed class SiteRouteTests
{
    private const string SitePolicy = "default-src 'self'; script-src 'self'";

    /// <summary>The site's pages (and its assets) by the method each is called with.</summary>
    public static TheoryData<string, string> Pages => TheoryGroups.Of(
        ("GET", ["/", "/products/LAMP-DESK-LED", "/orders/o-1/progress", "/site.css"]),
        ("POST", ["/signin"]));

    [Theory, MemberData(nameof(Pages))]
    public async Task PagesReachTheWebAppAnonymouslyAtTheirOwnPath(string method, string path)
    {
        await using var host = await GatewayHost.StartAsync();

        using var response = await host.Public().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(host.Forwarded);
        Assert.Single(host.Echo[AppIds.Web].Received);
        Assert.Equal(path, received.Path);
        Assert.Equal("gateway", received.Headers["dapr-caller-app-id"]);
        // The site's pages are at the root: unlike the API's services, it is not told of an /api prefix.
        Assert.False(received.Headers.ContainsKey("x-forwarded-prefix"));
    }

    [Fact]
    public async Task ApiRoutesStillWinOverTheSite()
    {
        await using var host = await GatewayHost.StartAsync();

        using var response = await host.Public().GetAsync("/api/products/LAMP-DESK-LED");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Echo[AppIds.ProductService].Received);
        Assert.Empty(host.Echo[AppIds.Web].Received);
    }

    /// <summary>Requests the site's catch-all must not take, by the status the gateway answers them with.</summary>
    public static TheoryData<HttpStatusCode, string> NotForTheSite => TheoryGroups.Of(
        (HttpStatusCode.NotFound, ["GET /api/nothing-here", "GET /dapr/config", "POST /dev/token", "GET /API/products-everything"]),
        (HttpStatusCode.Unauthorized, ["POST /api/products"]),
        (HttpStatusCode.MethodNotAllowed, ["DELETE /api/orders/o-1"]));

    [Theory, MemberData(nameof(NotForTheSite))]
    public async Task UnknownApiPathsAndDaprPathsAreAnsweredByTheGatewayNeverTheSite(HttpStatusCode expected, string request)
    {
        await using var host = await GatewayHost.StartAsync();

        using var response = await host.Public().SendAsync(RequestLine.Parse(request));

        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(host.Echo[AppIds.Web].Received);
    }

    [Fact]
    public async Task ThePagesKeepTheSitesContentSecurityPolicyAndTheApiKeepsTheStrictOne()
    {
        await using var host = await GatewayHost.StartAsync();
        host.Echo[AppIds.Web].ResponseHeaders["Content-Security-Policy"] = SitePolicy;
        host.Echo[AppIds.ProductService].ResponseHeaders["Content-Security-Policy"] = SitePolicy;
        using var client = host.Public();

        using var page = await client.GetAsync("/products/LAMP-DESK-LED");
        using var api = await client.GetAsync("/api/products/LAMP-DESK-LED");

        Assert.Equal(SitePolicy, page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(SecurityHeaders.StrictPolicy, api.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task APageWithoutAPolicyOfItsOwnGetsTheStrictOne()
    {
        await using var host = await GatewayHost.StartAsync();

        using var page = await host.Public().GetAsync("/");

        Assert.Equal(SecurityHeaders.StrictPolicy, page.Headers.GetValues("Content-Security-Policy").Single());
    }
}
