namespace CloudPatterns.Testing.Tests.Invocation;

/// <summary>Service invocation by app id: the caller's identity and the app token travel with the call.</summary>
public sealed class InvocationTests
{
    [Fact]
    public async Task AnInvokableHttpClientReachesTheTargetAppWithTheCallersIdentity()
    {
        var fabric = new DaprTestFabric(TestComponents.PubSubAndStore()) { AppToken = "fake-dev-token" };
        await using var target = await StartEchoAsync(fabric);

        using var client = fabric.ClientFor("caller").CreateInvokableHttpClient("target");
        var echo = await client.GetFromJsonAsync<Dictionary<string, string>>("/whoami?x=1");

        Assert.Equal("caller", echo!["caller"]);
        Assert.Equal("fake-dev-token", echo["token"]);
        Assert.Equal("/whoami?x=1", echo["path"]);
    }

    [Fact]
    public async Task AnInvokeMethodRequestReachesTheTargetApp()
    {
        var fabric = new DaprTestFabric(TestComponents.PubSubAndStore());
        await using var target = await StartEchoAsync(fabric);
        var dapr = fabric.ClientFor("caller");

        using var request = dapr.CreateInvokeMethodRequest(HttpMethod.Get, "target", "whoami");
#pragma warning disable CS0618 // the SDK's own invocation API, kept working by the fabric
        var echo = await dapr.InvokeMethodAsync<Dictionary<string, string>>(request);
#pragma warning restore CS0618

        Assert.Equal("caller", echo["caller"]);
    }

    [Fact]
    public async Task CallingAnAppThatIsNotRunningIsAServerError()
    {
        var fabric = new DaprTestFabric(TestComponents.PubSubAndStore());

        using var client = fabric.ClientFor("caller").CreateInvokableHttpClient("nobody");
        var response = await client.GetAsync("/anything");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("ERR_DIRECT_INVOKE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Task<FabricTestApp> StartEchoAsync(DaprTestFabric fabric) =>
        FabricTestApp.StartAsync(fabric, "target", web => web.MapGet("/whoami", (HttpRequest request) => Results.Json(new Dictionary<string, string>
        {
            ["caller"] = request.Headers["dapr-caller-app-id"].ToString(),
            ["token"] = request.Headers["dapr-api-token"].ToString(),
            ["path"] = request.Path + request.QueryString,
        })));

}
