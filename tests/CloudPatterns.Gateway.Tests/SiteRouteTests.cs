namespace CloudPatterns.Gateway.Tests;

/// <summary>The web site's catch-all route: pages reach the web app unchanged, the API keeps its routes, its 404s and its policy.</summary>
public sealed class SiteRouteTests
{
    private const string SitePolicy = "default-src 'self'; script-src 'self'";

    [Theory]
    [InlineData("GET", "/", "/")]
    [InlineData("GET", "/products/LAMP-DESK-LED", "/products/LAMP-DESK-LED")]
    [InlineData("GET", "/orders/o-1/progress", "/orders/o-1/progress")]
    [InlineData("POST", "/signin", "/signin")]
    [InlineData("GET", "/site.css", "/site.css")]
    public async Task PagesReachTheWebAppAnonymouslyAtTheirOwnPath(string method, string path, string forwardedPath)
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.Public();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(host.Forwarded);
        Assert.Single(host.Echo[AppIds.Web].Received);
        Assert.Equal(forwardedPath, received.Path);
        Assert.Equal("gateway", received.Headers["dapr-caller-app-id"]);
        // The site's pages are at the root: unlike the API's services, it is not told of an /api prefix.
        Assert.False(received.Headers.ContainsKey("x-forwarded-prefix"));
    }

    [Fact]
    public async Task ApiRoutesStillWinOverTheSite()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.Public();

        using var response = await client.GetAsync("/api/products/LAMP-DESK-LED");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Echo[AppIds.ProductService].Received);
        Assert.Empty(host.Echo[AppIds.Web].Received);
    }

    [Theory]
    [InlineData("GET", "/api/nothing-here", HttpStatusCode.NotFound)]
    [InlineData("POST", "/api/products", HttpStatusCode.Unauthorized)]
    [InlineData("DELETE", "/api/orders/o-1", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/dapr/config", HttpStatusCode.NotFound)]
    [InlineData("POST", "/dev/token", HttpStatusCode.NotFound)]
    [InlineData("GET", "/API/products-everything", HttpStatusCode.NotFound)]
    public async Task UnknownApiPathsAndDaprPathsAreAnsweredByTheGatewayNeverTheSite(string method, string path, HttpStatusCode expected)
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.Public();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

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
        using var client = host.Public();

        using var page = await client.GetAsync("/");

        Assert.Equal(SecurityHeaders.StrictPolicy, page.Headers.GetValues("Content-Security-Policy").Single());
    }
}
