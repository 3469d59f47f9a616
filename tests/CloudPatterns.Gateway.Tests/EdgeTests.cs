namespace CloudPatterns.Gateway.Tests;

/// <summary>What the edge adds: hardening headers, trace ids, CORS, body limits, the API document, local tokens.</summary>
public sealed class EdgeTests
{
    [Theory]
    [InlineData("/api/products/LAMP-DESK-LED")]
    [InlineData("/api/orders/o-1")]
    public async Task EveryAnswerCarriesHardeningHeadersAndATraceId(string path)
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.Public();

        using var response = await client.GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Cross-Origin-Resource-Policy").Single());
        Assert.Equal(SecurityHeaders.StrictPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues("x-trace-id").Single());
    }

    [Fact]
    public async Task OverHttpsBrowsersAreToldToKeepToHttpsForAYear()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.Public();
        client.BaseAddress = new Uri("https://localhost/");

        using var response = await client.GetAsync("/api/products/LAMP-DESK-LED");

        Assert.Equal("max-age=31536000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task APathNoRouteTakesIsA404ProblemNotAnEmptyAnswer()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.Public();

        using var response = await client.GetAsync("/api/nothing-here");
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(404, problem!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task ABrowserOnAnAllowedOriginMayCallAndOthersMayNot()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:AllowedOrigins:0"] = "https://shop.example" });
        using var client = host.Public();

        using var allowed = await client.SendAsync(Preflight("https://shop.example"));
        using var other = await client.SendAsync(Preflight("https://evil.example"));

        Assert.Equal("https://shop.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Empty(host.Forwarded);
    }

    /// <summary>What a shop's page may send and read: the methods, headers and answer headers the API's clients use.</summary>
    [Fact]
    public async Task AnAllowedOriginMaySendAndReadTheHeadersTheApiUses()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:AllowedOrigins:0"] = "https://shop.example" });
        using var client = host.Public();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/products/LAMP-DESK-LED");
        preflight.Headers.Add("Origin", "https://shop.example");
        preflight.Headers.Add("Access-Control-Request-Method", "PUT");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,idempotency-key,if-match,x-canary");
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/products/LAMP-DESK-LED");
        read.Headers.Add("Origin", "https://shop.example");

        using var allowed = await client.SendAsync(preflight);
        using var answer = await client.SendAsync(read);

        Assert.Equal(["DELETE", "GET", "POST", "PUT"], Listed(allowed, "Access-Control-Allow-Methods"));
        Assert.Equal(["authorization", "content-type", "idempotency-key", "if-match", "x-canary"], Listed(allowed, "Access-Control-Allow-Headers"));
        Assert.Equal(["etag", "location", "retry-after", "x-canary", "x-trace-id"], Listed(answer, "Access-Control-Expose-Headers"));

        static string[] Listed(HttpResponseMessage response, string header) =>
            [.. response.Headers.GetValues(header).SelectMany(v => v.Split(',')).Select(v => v.Trim()).Select(v => header.EndsWith("Methods", StringComparison.Ordinal) ? v : v.ToLowerInvariant()).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task ABodyOverTheLimitIs413AndIsNotForwarded()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:MaxRequestBodyBytes"] = "2048" });
        using var client = host.Public(host.Fabric.Tokens.Customer("ada"));

        using var tooBig = await client.PostAsync("/api/orders", new StringContent(new string('x', 4096), Encoding.UTF8, "application/json"));
        using var fine = await client.PostAsync("/api/orders", new StringContent("{}", Encoding.UTF8, "application/json"));
        var problem = await tooBig.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Equal("The request body is too large.", problem!["title"]!.GetValue<string>());
        Assert.Equal("At most 2048 bytes are accepted.", problem["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
        Assert.Single(host.Forwarded);
    }

    [Theory]
    [InlineData("/api/orders")]
    [InlineData("/dev/token")]
    public async Task AChunkedBodyOverTheLimitIs413AndIsNotForwarded(string path)
    {
        var settings = new Dictionary<string, string?> { ["Gateway:MaxRequestBodyBytes"] = "2048", ["Gateway:DevelopmentTokens"] = "true" };
        await using var host = await GatewayHost.StartAsync(settings);
        using var client = host.Public(host.Fabric.Tokens.Customer("ada"), peer: "127.0.0.1");
        var json = $$"""{"userId":"ada","roles":["customer"],"padding":"{{new string('x', 4096)}}"}""";

        using var tooBig = await client.SendAsync(Chunked(path, Encoding.UTF8.GetBytes(json)));
        var problem = await tooBig.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Equal("The request body is too large.", problem!["title"]!.GetValue<string>());
        Assert.Equal("At most 2048 bytes are accepted.", problem["detail"]!.GetValue<string>());
        Assert.Empty(host.Forwarded);
    }

    /// <summary>The limit is the most a body may be: exactly that many bytes are forwarded, declared or chunked, and one more is not.</summary>
    [Theory]
    [InlineData(2048, false, HttpStatusCode.OK)]
    [InlineData(2049, false, HttpStatusCode.RequestEntityTooLarge)]
    [InlineData(2048, true, HttpStatusCode.OK)]
    [InlineData(2049, true, HttpStatusCode.RequestEntityTooLarge)]
    public async Task ABodyOfExactlyTheLimitIsForwardedAndOneByteMoreIsNot(int size, bool chunked, HttpStatusCode expected)
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:MaxRequestBodyBytes"] = "2048" });
        using var client = host.Public(host.Fabric.Tokens.Customer("ada"));
        var body = new byte[size];

        using var response = chunked
            ? await client.SendAsync(Chunked("/api/orders", body))
            : await client.PostAsync("/api/orders", new ByteArrayContent(body));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, host.Forwarded.Count);
    }

    [Theory]
    [InlineData(1024 * 1024, HttpStatusCode.OK)]
    [InlineData(1024 * 1024 + 1, HttpStatusCode.RequestEntityTooLarge)]
    public async Task UnlessConfiguredOtherwiseABodyMayBeOneMebibyte(int size, HttpStatusCode expected)
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.Public(host.Fabric.Tokens.Customer("ada"));

        using var response = await client.PostAsync("/api/orders", new ByteArrayContent(new byte[size]));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task AChunkedBodyWithinTheLimitIsForwardedWhole()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.Public(host.Fabric.Tokens.Admin());
        var twoMegabytes = new byte[2 * 1024 * 1024];

        using var image = await client.SendAsync(Chunked("/api/products/LAMP-DESK-LED/images", twoMegabytes));
        using var order = await client.SendAsync(Chunked("/api/orders", twoMegabytes));

        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, order.StatusCode);
        Assert.Equal("/products/LAMP-DESK-LED/images", Assert.Single(host.Forwarded).Path);
    }

    /// <summary>The API's image upload and the console's form that posts to it take what the API takes; other routes do not.</summary>
    [Theory]
    [InlineData("/api/products/LAMP-DESK-LED/images", "/api/orders", AppIds.ProductService, "/products/LAMP-DESK-LED/images")]
    [InlineData("/ops/catalog/LAMP-DESK-LED/images", "/ops/catalog/LAMP-DESK-LED", AppIds.Web, "/ops/catalog/LAMP-DESK-LED/images")]
    public async Task ImageUploadsMayBeLargerThanOtherBodies(string upload, string otherRoute, string appId, string forwardedPath)
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.Public(host.Fabric.Tokens.Admin());
        var twoMegabytes = new byte[2 * 1024 * 1024];

        using var image = await client.PostAsync(upload, new ByteArrayContent(twoMegabytes));
        using var other = await client.PostAsync(otherRoute, new ByteArrayContent(twoMegabytes));

        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, other.StatusCode);
        Assert.Equal(forwardedPath, Assert.Single(host.Echo[appId].Received).Path);
    }

    [Fact]
    public async Task TheApiDocumentListsEveryPublicRouteAndNothingInternal()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.Public();

        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

        var paths = document["paths"]!.AsObject();
        Assert.Equal(
            ["/api/admin/canary", "/api/admin/dead-letters/{rest}", "/api/admin/orders/{rest}", "/api/analytics/{rest}", "/api/customers/{customerId}/notification-preferences", "/api/customers/{customerId}/orders",
             "/api/orders/{orderId}/shipment", "/api/orders/{rest}", "/api/payments/{paymentId}", "/api/payments/{paymentId}/refund",
             "/api/products/{rest}", "/api/products/{sku}/images", "/api/provider/status", "/api/shipping/{rest}"],
            paths.Select(p => p.Key).Where(p => p.StartsWith("/api/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Null(paths["/api/products/{rest}"]!["get"]!["security"]);
        Assert.NotNull(paths["/api/products/{rest}"]!["put"]!["security"]);
        Assert.Contains("admin", paths["/api/analytics/{rest}"]!["get"]!["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(paths, p => p.Key.Contains("dapr", StringComparison.Ordinal) || p.Key.Contains("prices", StringComparison.Ordinal));
    }

    private static Dictionary<string, string?> DevelopmentTokensOn(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["Gateway:DevelopmentTokens"] = "true" };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public async Task OptedInLocallyTheGatewayMintsLocalTokensThatItAccepts()
    {
        await using var host = await GatewayHost.StartAsync(DevelopmentTokensOn());
        using var client = host.Public(peer: "127.0.0.1");

        using var minted = await client.PostAsJsonAsync("/dev/token", new TokenRequest("ada", ["customer"]));
        var token = (await minted.Content.ReadFromJsonAsync<TokenResponse>())!;
        using var user = host.Public(token.AccessToken);
        using var response = await user.GetAsync("/api/orders/o-1");
        using var badRoles = await client.PostAsJsonAsync("/dev/token", new TokenRequest("ada", ["root"]));
        using var fiveMinutes = await client.PostAsJsonAsync("/dev/token", new TokenRequest("ada", ["customer"], LifetimeMinutes: 5));
        var document = await client.GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal(3600, token.ExpiresIn);
        Assert.Equal(HttpStatusCode.BadRequest, badRoles.StatusCode);
        Assert.Equal(300, (await fiveMinutes.Content.ReadFromJsonAsync<TokenResponse>())!.ExpiresIn);
        Assert.Equal(["Development"], document!["paths"]!["/dev/token"]!["post"]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Theory]
    [InlineData("""{"userId":"ada lovelace","roles":["customer"]}""", "userId", "must be 1 to 100 letters, digits, '.', '_' or '-'")]
    [InlineData("""{"roles":["customer"]}""", "userId", "must be 1 to 100 letters, digits, '.', '_' or '-'")]
    [InlineData("""{"userId":"ada","roles":[]}""", "roles", "must name one or more of: admin, customer")]
    [InlineData("""{"userId":"ada","roles":["customer","root"]}""", "roles", "must name one or more of: admin, customer")]
    [InlineData("""{"userId":"ada","roles":["customer"],"lifetimeMinutes":0}""", "lifetimeMinutes", "must be between 1 and 1440")]
    [InlineData("""{"userId":"ada","roles":["customer"],"lifetimeMinutes":1441}""", "lifetimeMinutes", "must be between 1 and 1440")]
    public async Task ABadTokenRequestIsA400NamingTheFieldAndWhatItExpects(string body, string field, string message)
    {
        await using var host = await GatewayHost.StartAsync(DevelopmentTokensOn());
        using var client = host.Public(peer: "127.0.0.1");

        using var response = await client.PostAsync("/dev/token", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal([message], await ValidationProblems.AssertNamesOnlyAsync(response, field));
    }

    [Fact]
    public async Task TheTokenEndpointAnswersOnlyCallersOnThisMachine()
    {
        await using var host = await GatewayHost.StartAsync(DevelopmentTokensOn());
        using var fromTheNetwork = host.Public(peer: "192.0.2.10");
        using var fromIPv6Loopback = host.Public(peer: "::1");

        using var refused = await fromTheNetwork.PostAsJsonAsync("/dev/token", new TokenRequest("ada", ["admin"]));
        using var admitted = await fromIPv6Loopback.PostAsJsonAsync("/dev/token", new TokenRequest("ada", ["admin"]));

        var problem = await refused.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Development tokens are issued to this machine only.", problem!["title"]!.GetValue<string>());
        Assert.Equal("Call POST /dev/token from the machine the gateway runs on.", problem["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
    }

    [Fact]
    public async Task WithoutTheExplicitOptInThereIsNoTokenEndpointEvenInDevelopment()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.Public(peer: "127.0.0.1");

        using var response = await client.PostAsJsonAsync("/dev/token", new TokenRequest("ada", ["admin"]));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task OutsideDevelopmentThereIsNoTokenEndpoint()
    {
        await using var host = await GatewayHost.StartAsync(configure: builder => builder.UseEnvironment("Production"));
        using var client = host.Public(peer: "127.0.0.1");

        using var response = await client.PostAsJsonAsync("/dev/token", new TokenRequest("ada", ["admin"]));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>Settings ("key=value") beside which the development tokens stop the gateway, by the reason it gives ({key}: the setting's key).</summary>
    public static TheoryData<string, string> SettingsThatRuleOutDevelopmentTokens => TheoryGroups.Of(
        ("{key} is set (a cloud host)", ["CONTAINER_APP_NAME=gateway", "CONTAINER_APP_REVISION=gateway--r1", "WEBSITE_SITE_NAME=cloudpatterns-gateway", "WEBSITE_INSTANCE_ID=0123abcd", "KUBERNETES_SERVICE_HOST=10.0.0.1", "IDENTITY_ENDPOINT=http://localhost:42356/msi/token", "MSI_ENDPOINT=http://localhost:42356/msi/token"]),
        ("an Entra ID application is configured ({key})", ["AzureAd:ClientId=00000000-0000-0000-0000-000000000001"]),
        ("{key} is EntraId, not Local", ["Authentication:Mode=EntraId"]));

    [Theory, MemberData(nameof(SettingsThatRuleOutDevelopmentTokens))]
    public async Task OptingInOnACloudHostOrWithEntraIdStopsTheGatewayAtStartUpSayingWhy(string reason, string setting)
    {
        var keyAndValue = setting.Split('=', 2);
        var key = keyAndValue[0];
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => GatewayHost.StartAsync(DevelopmentTokensOn((key, keyAndValue[1]))));

        Assert.Contains(
            $"Gateway:DevelopmentTokens is on, but {reason.Replace("{key}", key, StringComparison.Ordinal)}. The development token endpoint mints admin tokens for anyone: it is for `dapr run` on a "
            + "developer's machine only. Remove the setting; the gateway will not start with it here.",
            failure.ToString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task OptingInOutsideDevelopmentStopsTheGatewayAtStartUp()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(
            () => GatewayHost.StartAsync(DevelopmentTokensOn(), configure: builder => builder.UseEnvironment("Production")));

        Assert.Contains("Gateway:DevelopmentTokens is on, but the environment is Production, not Development.", failure.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A POST whose body has no Content-Length (Transfer-Encoding: chunked), so only counting can stop it.</summary>
    private static HttpRequestMessage Chunked(string path, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ChunkedContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;
        return request;
    }

    private sealed class ChunkedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/orders");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return request;
    }
}
