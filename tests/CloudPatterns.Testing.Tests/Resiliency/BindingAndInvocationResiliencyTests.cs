namespace CloudPatterns.Testing.Tests.Resiliency;

/// <summary>Bindings and service invocation under the sidecars' resiliency policies, as daprd 1.18 applies them.</summary>
public sealed class BindingAndInvocationResiliencyTests
{
    [Fact]
    public async Task UnderTheFirstReleasesPoliciesProbingForMissingFilesOpenedTheImagesBreakerSoExistingOnesCouldNotBeRead()
    {
        var fabric = new DaprTestFabric(FirstReleaseResiliency.Registry());
        var dapr = fabric.ClientFor("image-processor");
        await PutAsync(fabric, "originals/A/img_1.png");

        // The first release looked for a receipt with a binding get before each resize: a missing file is an error.
        await Assert.ThrowsAsync<DaprException>(() => dapr.InvokeBindingAsync(Get("receipts/img_1.json")));
        var original = await Assert.ThrowsAsync<DaprException>(() => dapr.InvokeBindingAsync(Get("originals/A/img_1.png")));

        Assert.Contains("circuit breaker is open", original.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnderTodaysPoliciesAMissingFileIsOneFailedCallAndNothingElse()
    {
        var fabric = new DaprTestFabric();
        var dapr = fabric.ClientFor("image-processor");
        await PutAsync(fabric, "originals/A/img_1.png");

        for (var i = 0; i < 10; i++)
        {
            var missing = await Assert.ThrowsAsync<DaprException>(() => dapr.InvokeBindingAsync(Get($"receipts/img_{i}.json")));
            Assert.Contains("file not found", missing.InnerException!.Message, StringComparison.Ordinal);
        }

        var read = await dapr.InvokeBindingAsync(Get("originals/A/img_1.png"));
        Assert.Equal([1, 2, 3], read.Data.ToArray());
        Assert.Equal(12, fabric.Bindings.Calls.Count);
    }

    [Fact]
    public async Task UnderTheFirstReleasesPoliciesOneCallersBadRequestsShutAPathForEveryCaller()
    {
        var fabric = new DaprTestFabric(FirstReleaseResiliency.Registry());
        await using var products = await StartProductsAsync(fabric);
        using var gateway = fabric.ClientFor("gateway").CreateInvokableHttpClient("product-service");

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await gateway.GetAsync("/products?pageSize=0")).StatusCode);
        }

        // Another user, a good request, the same path: refused by the breaker the bad requests opened.
        var good = await gateway.GetAsync("/products?pageSize=10");
        Assert.Equal(HttpStatusCode.InternalServerError, good.StatusCode);
        Assert.Contains("circuit breaker is open", await good.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await gateway.GetAsync("/products/other")).StatusCode);
    }

    [Fact]
    public async Task UnderTheFirstReleasesPoliciesAPostOfKnownLengthWasSentFourTimesOnA500()
    {
        var fabric = new DaprTestFabric(FirstReleaseResiliency.Registry());
        await using var products = await StartProductsAsync(fabric);
        using var orders = fabric.ClientFor("order-service").CreateInvokableHttpClient("product-service");

        var response = await orders.PostAsync("/fail", new ByteArrayContent(Encoding.UTF8.GetBytes("{}")));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(4, products.Received.Count(r => r == "/fail"));
    }

    [Fact]
    public async Task UnderTodaysPoliciesTheGatewayForwardsEveryRequestOnceAndNoBreakerOpens()
    {
        var fabric = new DaprTestFabric();
        await using var products = await StartProductsAsync(fabric);
        using var gateway = fabric.ClientFor("gateway").CreateInvokableHttpClient("product-service");

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await gateway.GetAsync("/products?pageSize=0")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.InternalServerError, (await gateway.PostAsync("/fail", new ByteArrayContent([1]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.GetAsync("/products?pageSize=10")).StatusCode);
        Assert.Equal(1, products.Received.Count(r => r == "/fail"));
        Assert.DoesNotContain(fabric.Resiliency.Breakers, b => b.AppId == "gateway");
    }

    [Fact]
    public async Task AnInvocationBodyOverEitherSidecarsLimitIsRefused()
    {
        var fabric = new DaprTestFabric();
        await using var products = await StartProductsAsync(fabric);
        fabric.Sidecars.SetMaxBodyBytes("gateway", 4 * 1024 * 1024);
        using var gateway = fabric.ClientFor("gateway").CreateInvokableHttpClient("product-service");

        var response = await gateway.PostAsync("/upload", new ByteArrayContent(new byte[5 * 1024 * 1024]));
        fabric.Sidecars.SetMaxBodyBytes("gateway", 16 * 1024 * 1024);
        var allowed = await gateway.PostAsync("/upload", new ByteArrayContent(new byte[5 * 1024 * 1024]));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("request body too large", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task ABindingMessageOverTheSidecarsLimitOrTheClientsReceiveLimitIsRefused()
    {
        var fabric = new DaprTestFabric();
        var dapr = fabric.ClientFor("image-processor");
        var create = new BindingRequest("images", "create") { Data = new byte[5 * 1024 * 1024] };
        create.Metadata["fileName"] = "originals/big.png";

        await dapr.InvokeBindingAsync(create);
        // An app that never joined has Grpc.Net.Client's default receive limit of 4 MiB: it cannot read what it wrote.
        var unread = await Assert.ThrowsAsync<DaprException>(() => dapr.InvokeBindingAsync(Get("originals/big.png")));
        fabric.Sidecars.SetMaxBodyBytes("image-processor", 4 * 1024 * 1024);
        var unwritten = await Assert.ThrowsAsync<DaprException>(() => dapr.InvokeBindingAsync(create));

        Assert.Contains("larger than max", unread.InnerException!.Message, StringComparison.Ordinal);
        Assert.Contains("larger than max", unwritten.InnerException!.Message, StringComparison.Ordinal);
    }

    /// <summary>An original, written the way product-service writes one (files made with "AAAA"-like bytes would be base64-decoded).</summary>
    private static Task PutAsync(DaprTestFabric fabric, string key)
    {
        var create = new BindingRequest("images", "create") { Data = new byte[] { 1, 2, 3 } };
        create.Metadata["fileName"] = key;
        return fabric.ClientFor("product-service").InvokeBindingAsync(create);
    }

    private static BindingRequest Get(string key)
    {
        var request = new BindingRequest("images", "get");
        request.Metadata["fileName"] = key;
        return request;
    }

    /// <summary>A stand-in for product-service: 400 for a page size of 0, 500 on /fail, and it remembers what it was sent.</summary>
    private static async Task<RecordingApp> StartProductsAsync(DaprTestFabric fabric)
    {
        var received = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var app = await FabricTestApp.StartAsync(fabric, "product-service", web =>
        {
            web.Use(async (context, next) =>
            {
                received.Enqueue(context.Request.Path);
                await next(context);
            });
            web.MapGet("/products", (int pageSize) => pageSize is < 1 or > 100 ? Results.BadRequest() : Results.Ok());
            web.MapGet("/products/other", () => Results.Ok());
            web.MapPost("/fail", () => Results.StatusCode(500));
            web.MapPost("/upload", () => Results.Ok());
        });
        return new RecordingApp(app, received);
    }

    private sealed record RecordingApp(FabricTestApp App, System.Collections.Concurrent.ConcurrentQueue<string> Received) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
