namespace CloudPatterns.Gateway.Tests;

/// <summary>The route table: every public path reaches its app through the sidecar, and nothing else does.</summary>
public sealed class RoutingTests
{
    /// <summary>Each public route by the app it reaches: who calls it (a role, or anonymous), the method and the path.</summary>
    public static TheoryData<string, string> PublicRoutes => TheoryGroups.Of(
        (AppIds.ProductService, ["anonymous GET /api/products?category=apparel&page=2", "anonymous GET /api/products/LAMP-DESK-LED/stock", "admin PUT /api/products/LAMP-DESK-LED"]),
        (AppIds.OrderService, ["customer POST /api/orders", "customer GET /api/orders/o-1", "customer POST /api/orders/o-1/cancel", "customer GET /api/customers/ada/orders?status=Confirmed", "admin GET /api/admin/dead-letters"]),
        (AppIds.ShippingService, ["customer GET /api/orders/o-1/shipment", "customer GET /api/shipping/quote?weightKg=2&zone=eu"]),
        (AppIds.NotificationService, ["customer PUT /api/customers/ada/notification-preferences"]),
        (AppIds.PaymentService, ["customer GET /api/payments/pay_1", "admin POST /api/payments/pay_1/refund", "admin GET /api/provider/status"]),
        (AppIds.AnalyticsService, ["admin GET /api/analytics/summary"]));

    [Theory, MemberData(nameof(PublicRoutes))]
    public async Task EachPublicRouteReachesItsAppThroughServiceInvocation(string appId, string call)
    {
        var roleAndLine = call.Split(' ', 2);
        var role = roleAndLine[0];
        var (method, path) = RequestLine.Read(roleAndLine[1]);
        await using var host = await GatewayHost.StartAsync();
        using var client = host.Public(role == "anonymous" ? null : host.Fabric.Tokens.For("ada", role));

        using var response = await client.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(new { }) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(host.Forwarded);
        Assert.Equal(appId, host.Echo.Single(e => e.Value.Received.Contains(received)).Key);
        Assert.Equal(method.Method, received.Method);
        Assert.Equal(path["/api".Length..], received.Path);
        Assert.Equal("gateway", received.Headers["dapr-caller-app-id"]);
    }

    [Fact]
    public async Task HeadReachesTheAppAsGetAndOnlyWhereTheRouteListsIt()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.Public(host.Fabric.Tokens.Customer("ada"));

        using var product = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/products/LAMP-DESK-LED"));
        using var order = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/orders/o-1"));

        Assert.Equal(HttpStatusCode.OK, product.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, order.StatusCode);
        var received = Assert.Single(host.Forwarded);
        Assert.Equal("GET", received.Method);
        Assert.Equal("/products/LAMP-DESK-LED", received.Path);
    }

    [Fact]
    public async Task TheServiceIsToldWhoCalledAndUnderWhichPrefixNotWhatTheClientClaims()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.Public(peer: "203.0.113.7");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/products/LAMP-DESK-LED");
        request.Headers.Add("X-Forwarded-Prefix", "/elsewhere");
        request.Headers.Add("X-Forwarded-For", "198.51.100.1");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "evil.example");

        using var response = await client.SendAsync(request);

        var received = Assert.Single(host.Forwarded);
        Assert.Equal("/api", received.Headers["x-forwarded-prefix"]);
        Assert.Equal("203.0.113.7", received.Headers["x-forwarded-for"]);
        Assert.Equal("http", received.Headers["x-forwarded-proto"]);
        Assert.Equal("localhost", received.Headers["x-forwarded-host"]);
    }

    [Fact]
    public async Task TheUsersTokenTravelsOnAndSidecarHeadersFromOutsideAreDropped()
    {
        await using var host = await GatewayHost.StartAsync();
        var token = host.Fabric.Tokens.Customer("ada");
        using var client = host.Public(token);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/orders/o-1");
        request.Headers.Add("dapr-app-id", AppIds.PaymentService);
        request.Headers.Add("dapr-caller-app-id", AppIds.OrderService);
        request.Headers.Add("dapr-api-token", "guessed");
        request.Headers.Add("dapr-callee-app-id", AppIds.PaymentService);
        request.Headers.Add("dapr-caller-namespace", "production");

        using var response = await client.SendAsync(request);

        var received = Assert.Single(host.Echo[AppIds.OrderService].Received);
        Assert.Equal($"Bearer {token}", received.Headers["authorization"]);
        Assert.Equal("gateway", received.Headers["dapr-caller-app-id"]);
        Assert.False(received.Headers.ContainsKey("dapr-api-token"));
        Assert.Equal(AppIds.OrderService, received.Headers["dapr-callee-app-id"]); // set by the sidecar, not the caller
        Assert.False(received.Headers.ContainsKey("dapr-caller-namespace"));
        Assert.Empty(host.Echo[AppIds.PaymentService].Received);
    }

    /// <summary>Requests for paths no public route serves, by the status the gateway answers them with.</summary>
    public static TheoryData<HttpStatusCode, string> InternalPaths => TheoryGroups.Of(
        (HttpStatusCode.NotFound, ["GET /dapr/subscribe", "GET /api/dapr/subscribe", "POST /api/payments", "POST /api/catalog/prices", "POST /api/inventory/reservations/o-1/release", "GET /api/orders/../dapr/subscribe", "GET /api/orders/%2e%2e/%2e%2e/dapr/subscribe", "POST /api/events/orders.created"]),
        (HttpStatusCode.BadRequest, ["GET /api/orders/o-1%2F..%2F..%2Fadmin%2Fdead-letters", "GET /api/products/..%5C..%5Chealth"]),
        // 405: routing sorts by method before it asks the site's path constraint, and the site's catch-all takes GET and POST only.
        (HttpStatusCode.MethodNotAllowed, ["PUT /api/actors/InventoryItem/SKU/method/Reserve"]));

    [Theory, MemberData(nameof(InternalPaths))]
    public async Task InternalPathsAreNeverForwarded(HttpStatusCode expected, string request)
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.Public(host.Fabric.Tokens.Admin());

        using var response = await client.SendAsync(RequestLine.Parse(request, JsonContent.Create(new { })));

        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(host.Forwarded);
    }

    [Theory]
    [InlineData("/api/orders/o-1%2F..%2F..%2Fadmin%2Fdead-letters")]
    [InlineData("/api/products/..%5C..%5Chealth")]
    public async Task PathsThatStepOutOfARouteAre400WithTheReason(string path)
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.Public(host.Fabric.Tokens.Admin());

        using var response = await client.GetAsync(path);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("This path is not allowed.", problem!["title"]!.GetValue<string>());
        Assert.Empty(host.Forwarded);
    }

    [Fact]
    public async Task TheGatewayAnswersItsOwnHealthProbes()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.Public();

        using var alive = await client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Empty(host.Forwarded);
    }

    /// <summary>A route added to the table without saying which app it reaches, or whose budget it spends, never serves.</summary>
    [Theory]
    [InlineData("RateLimit", "nobody", "Route 'products-read' must name a rate-limit family of Gateway:RateLimits:Families in its Metadata (RateLimit); it names 'nobody'.")]
    [InlineData("DaprAppId", " ", "Route 'products-read' names no DaprAppId in its Metadata.")]
    public async Task ARouteThatNamesNoAppOrNoKnownBudgetStopsTheGatewayAtStartUp(string metadata, string value, string reason)
    {
        var settings = new Dictionary<string, string?> { [$"ReverseProxy:Routes:products-read:Metadata:{metadata}"] = value };

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => GatewayHost.StartAsync(settings));

        Assert.Contains(reason, failure.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// An app its sidecar cannot reach (down, restarting, too slow): daprd answers 500 with its own error, ERR_DIRECT_INVOKE
    /// and the Go error behind it. The client is told to come back (503, Retry-After) in the gateway's words; daprd's go to the log.
    /// </summary>
    [Fact]
    public async Task AnAppTheSidecarCannotReachIsUnavailableInTheGatewaysWordsNotDaprs()
    {
        await using var host = await GatewayHost.StartInFrontOfAsync(new DaprTestFabric());
        using var anonymous = host.Public();

        using var get = await anonymous.GetAsync("/api/products/LAMP-DESK-LED");
        using var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/products/LAMP-DESK-LED"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, get.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), get.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
        var problem = await get.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("The service behind this route is unavailable.", problem!["title"]!.GetValue<string>());
        Assert.DoesNotContain("ERR_DIRECT_INVOKE", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("failed to invoke", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Contains(host.Logs.Lines, l => l.Contains("GET /api/products/LAMP-DESK-LED; answered 503: ERR_DIRECT_INVOKE", StringComparison.Ordinal));
    }

    /// <summary>An app's own failure is its answer to give: it passes as it is, whatever its status.</summary>
    [Fact]
    public async Task AnAppsOwnServerErrorPassesAsItIs()
    {
        await using var host = await GatewayHost.StartAsync();
        host.Echo[AppIds.ProductService].Status = HttpStatusCode.InternalServerError;
        using var anonymous = host.Public();

        using var response = await anonymous.GetAsync("/api/products/LAMP-DESK-LED");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("""{"app":"product-service","path":"/products/LAMP-DESK-LED"}""", await response.Content.ReadAsStringAsync());
    }
}
