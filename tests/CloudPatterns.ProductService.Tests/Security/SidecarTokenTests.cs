namespace CloudPatterns.ProductService.Tests.Security;

public sealed class SidecarTokenTests
{
    private const string Token = "local-dev-app-token-not-a-secret";

    [Fact]
    public async Task WithATokenConfiguredACallWithoutItIsRejected()
    {
        await using var host = await ProductServiceHost.StartAsync(fabric => fabric.AppToken = Token, seed: false);
        using var stranger = host.App.CreateClient();

        var response = await stranger.GetAsync("products");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task WithATokenConfiguredAWrongTokenIsRejected()
    {
        await using var host = await ProductServiceHost.StartAsync(fabric => fabric.AppToken = Token, seed: false);
        using var stranger = host.App.CreateClient();
        stranger.DefaultRequestHeaders.Add("dapr-api-token", "guessed");

        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("products")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("dapr/subscribe")).StatusCode);
    }

    [Fact]
    public async Task WithATokenConfiguredTheSidecarIsServed()
    {
        await using var host = await ProductServiceHost.StartAsync(fabric => fabric.AppToken = Token, seed: false);

        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("products")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("dapr/subscribe")).StatusCode);
    }

    [Theory]
    [InlineData("health")]
    [InlineData("alive")]
    public async Task HealthProbesNeedNoToken(string path)
    {
        await using var host = await ProductServiceHost.StartAsync(fabric => fabric.AppToken = Token, seed: false);
        using var probe = host.App.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task ReadinessFailsWhileTheSidecarIsNotReadyButLivenessHolds()
    {
        await using var host = await ProductServiceHost.StartAsync(seed: false);
        host.Fabric.SidecarHealthy = false;
        using var probe = host.App.CreateClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await probe.GetAsync("health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("alive")).StatusCode);
    }

    [Fact]
    public async Task WithoutATokenConfiguredCallsAreServedAsBefore()
    {
        await using var host = await ProductServiceHost.StartAsync(seed: false);
        using var client = host.App.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("products")).StatusCode);
    }
}
