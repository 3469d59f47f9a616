namespace CloudPatterns.Gateway.Tests;

/// <summary>The gateway in front of the real product-service and order-service: the checks each service makes, seen from outside.</summary>
public sealed class ThroughTheGatewayTests
{
    [Fact]
    public async Task AnonymousCallersBrowseTheRealCatalog()
    {
        await using var host = await StartAsync();
        using var anonymous = host.Public();

        var product = await anonymous.GetFromJsonAsync<JsonObject>("/api/products/LAMP-DESK-LED");

        Assert.Equal("LAMP-DESK-LED", product!["sku"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/products/LAMP-DESK-LED")]
    [InlineData("/api/products?category=home")]
    [InlineData("/api/products/NO-SUCH-SKU")]
    public async Task HeadAnswersWhatGetWouldWithoutTheBody(string path)
    {
        await using var host = await StartAsync();
        using var anonymous = host.Public();

        using var get = await anonymous.GetAsync(path);
        using var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ACustomerOrdersAndReadsTheirOrderButNotAnothers()
    {
        await using var host = await StartAsync();
        using var ada = host.Public(host.Fabric.Tokens.Customer("ada"));
        using var bob = host.Public(host.Fabric.Tokens.Customer("bob"));
        using var admin = host.Public(host.Fabric.Tokens.Admin());
        var order = OrderRequests.For("ada", lines: ("MUG-CLASSIC-350", 1));

        using var placed = await ada.PostAsJsonAsync("/api/orders", order);
        Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonObject>())!["orderId"]!.GetValue<string>();
        await host.Fabric.WaitForQuietAsync();
        using var asAda = await ada.GetAsync($"/api/orders/{orderId}");
        using var asBob = await bob.GetAsync($"/api/orders/{orderId}");
        using var asAdmin = await admin.GetAsync($"/api/orders/{orderId}");
        using var bobListsAda = await bob.GetAsync("/api/customers/ada/orders");
        using var bobOrdersAsAda = await bob.PostAsJsonAsync("/api/orders", order);

        Assert.Equal(HttpStatusCode.OK, asAda.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, asBob.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bobListsAda.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bobOrdersAsAda.StatusCode);
    }

    [Fact]
    public async Task ACustomerCannotChangeTheCatalogEvenIfTheGatewayWereBypassed()
    {
        await using var host = await StartAsync();
        var customer = host.Fabric.Tokens.Customer("ada");
        using var throughGateway = host.Public(customer);
        using var straightToService = host.Fabric.App(AppIds.ProductService).CreateSidecarClient(customer, callerAppId: "gateway");
        var change = new { name = "Free lamp", category = "home", price = new { amount = 0.01m, currency = "USD" } };

        using var viaGateway = await throughGateway.PutAsJsonAsync("/api/products/LAMP-DESK-LED", change);
        using var direct = await straightToService.PutAsJsonAsync("products/LAMP-DESK-LED", change);

        Assert.Equal(HttpStatusCode.Forbidden, viaGateway.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, direct.StatusCode);
    }

    [Fact]
    public async Task EveryLinkAnAcceptedOrderAndItsCancellationReturnWorksThroughTheGateway()
    {
        await using var host = await StartAsync();
        using var ada = host.Public(host.Fabric.Tokens.Customer("ada"));
        var order = OrderRequests.For("ada", lines: ("MUG-CLASSIC-350", 1));

        using var placed = await ada.PostAsJsonAsync("/api/orders", order);
        var accepted = (await placed.Content.ReadFromJsonAsync<JsonObject>())!;
        await host.Fabric.WaitForQuietAsync();
        using var cancelled = await ada.PostAsync($"/api/orders/{accepted["orderId"]!.GetValue<string>()}/cancel", null);
        var cancelView = (await cancelled.Content.ReadFromJsonAsync<JsonObject>())!;

        var links = new[] { placed.Headers.Location!.OriginalString, accepted["statusUrl"]!.GetValue<string>(), cancelView["statusUrl"]!.GetValue<string>() };
        Assert.All(links, link => Assert.StartsWith("/api/orders/", link, StringComparison.Ordinal));
        foreach (var link in links)
        {
            using var followed = await ada.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        }
    }

    [Fact]
    public async Task TheLinkToANewProductWorksThroughTheGateway()
    {
        await using var host = await StartAsync();
        using var admin = host.Public(host.Fabric.Tokens.Admin());

        using var created = await admin.PostAsJsonAsync("/api/products",
            new { sku = "CUP-NEW-1", name = "New cup", category = "kitchen", price = new { amount = 4.5m, currency = "USD" }, initialStock = 3 });
        using var followed = await host.Public().GetAsync(created.Headers.Location);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/products/CUP-NEW-1", created.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
    }

    [Fact]
    public async Task TheLinkAnImageUploadReturnsWorksThroughTheGateway()
    {
        await using var host = await StartAsync();
        using var admin = host.Public(host.Fabric.Tokens.Admin());
        using var bitmap = new SkiaSharp.SKBitmap(64, 48);
        bitmap.Erase(SkiaSharp.SKColors.Teal);
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        using var png = new ByteArrayContent(image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100).ToArray());

        using var uploaded = await admin.PostAsync("/api/products/LAMP-DESK-LED/images", png);
        using var followed = await host.Public().GetAsync(uploaded.Headers.Location);
        var product = await followed.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.Accepted, uploaded.StatusCode);
        Assert.Equal("/api/products/LAMP-DESK-LED", uploaded.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        Assert.Equal("LAMP-DESK-LED", product!["sku"]!.GetValue<string>());
    }

    [Fact]
    public async Task ATokenClaimingTheAppsOwnUserIdAndRoleGetsOnlyWhatItsSubjectMay()
    {
        await using var host = await StartAsync();
        Claim[] forged = [new("sub", "mallory"), new("roles", UserClaims.CustomerRole), new(UserClaims.UserId, "ada"), new(UserClaims.Role, UserClaims.AdminRole)];
        var token = AuthenticationTests.Signed(host, forged);
        using var throughGateway = host.Public(token);
        using var straightToService = host.Fabric.App(AppIds.OrderService).CreateSidecarClient(token, callerAppId: "gateway");

        using var adasOrders = await throughGateway.GetAsync("/api/customers/ada/orders");
        using var adasOrdersDirect = await straightToService.GetAsync("customers/ada/orders");
        using var own = await throughGateway.GetAsync("/api/customers/mallory/orders");

        Assert.Equal(HttpStatusCode.Forbidden, adasOrders.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, adasOrdersDirect.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task OneCallersBadRequestsNeverCloseAPathForEveryoneElse()
    {
        await using var host = await StartAsync();
        using var prober = host.Public();
        using var shopper = host.Public();

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await prober.GetAsync("/api/products?pageSize=0")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await prober.GetAsync("/api/products/NO-SUCH-SKU")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await shopper.GetAsync("/api/products?pageSize=10")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shopper.GetAsync("/api/products/NO-SUCH-SKU")).StatusCode);
    }

    [Fact]
    public async Task UnderTheFirstReleasesPoliciesOneCallersBadRequestsClosedTheCatalogForEveryone()
    {
        // What the fabric now reproduces: the gateway's sidecar counted product-service's 400s in its breaker for the path.
        await using var host = await StartAsync(FirstReleaseResiliency.Registry());
        using var prober = host.Public();
        using var shopper = host.Public();

        for (var i = 0; i < 5; i++)
        {
            await prober.GetAsync("/api/products?pageSize=0");
        }

        Assert.NotEqual(HttpStatusCode.OK, (await shopper.GetAsync("/api/products?pageSize=10")).StatusCode);
        host.Fabric.Time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(HttpStatusCode.OK, (await shopper.GetAsync("/api/products?pageSize=10")).StatusCode);
    }

    private static async Task<GatewayHost> StartAsync(ComponentRegistry? components = null)
    {
        var fabric = new DaprTestFabric(components);
        var products = await new DaprAppFactory<ProductServiceApp>(fabric, AppIds.ProductService).StartAsync();
        await products.Services.GetRequiredService<CatalogSeeder>().Seeded.WaitAsync(TimeSpan.FromSeconds(30));
        var orders = await new DaprAppFactory<OrderServiceApp>(fabric, AppIds.OrderService).StartAsync();
        return await GatewayHost.StartInFrontOfAsync(fabric, products, orders);
    }
}
