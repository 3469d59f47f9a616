namespace CloudPatterns.Flows.Tests;

/// <summary>
/// Zero trust behind the gateway: each service checks the user's token itself, enforces ownership, and
/// takes internal calls only from the apps on the endpoint's allow-list.
/// </summary>
public sealed class AccessTests(SharedSystem shared) : IClassFixture<SharedSystem>
{
    /// <summary>Endpoints for signed-in users, by the app that serves them: the method and the path.</summary>
    public static TheoryData<string, string> UserEndpoints => TheoryGroups.Of(
        (AppIds.OrderService, ["GET customers/ada/orders", "POST orders"]),
        (AppIds.PaymentService, ["GET payments/pay_1"]),
        (AppIds.ShippingService, ["GET shipping/quote?weightKg=1&zone=eu"]),
        (AppIds.NotificationService, ["GET customers/ada/notification-preferences"]),
        (AppIds.AnalyticsService, ["GET analytics/summary"]),
        (AppIds.ProductService, ["POST products"]));

    [Theory, MemberData(nameof(UserEndpoints))]
    public async Task WithoutATokenAUserEndpointAnswers401SayingWhy(string appId, string endpoint)
    {
        var system = shared.System;
        using var client = system.As(appId, bearerToken: null);

        using var response = await client.SendAsync(RequestLine.Parse(endpoint, JsonContent.Create(new { })));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer error_description=\"A bearer token is required.\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task ACustomerSeesOnlyTheirOwnOrdersPaymentsShipmentsAndPreferences()
    {
        var system = shared.System;
        var orderId = await system.PlaceOrderAsync(OrderRequests.For("ada", "tok_visa", ("MUG-CLASSIC-350", 1)));
        var paymentId = (await system.OrderAsync(orderId)).PaymentId!;
        using var ada = system.As(AppIds.OrderService, system.Fabric.Tokens.Customer("ada"));
        using var bob = system.As(AppIds.OrderService, system.Fabric.Tokens.Customer("bob"));
        using var bobPayments = system.As(AppIds.PaymentService, system.Fabric.Tokens.Customer("bob"));
        using var adaPayments = system.As(AppIds.PaymentService, system.Fabric.Tokens.Customer("ada"));
        using var bobShipping = system.As(AppIds.ShippingService, system.Fabric.Tokens.Customer("bob"));
        using var bobNotifications = system.As(AppIds.NotificationService, system.Fabric.Tokens.Customer("bob"));

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(ada.GetAsync($"orders/{orderId}")));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(ada.GetAsync("customers/ada/orders")));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(adaPayments.GetAsync($"payments/{paymentId}")));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(bob.GetAsync($"orders/{orderId}")));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(bob.GetAsync("customers/ada/orders")));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(bob.PostAsJsonAsync($"orders/{orderId}/cancel", new { })));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(bobPayments.GetAsync($"payments/{paymentId}")));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(bobShipping.GetAsync($"orders/{orderId}/shipment")));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(bobNotifications.GetAsync("customers/ada/notification-preferences")));
    }

    [Fact]
    public async Task ACustomerPlacesOrdersOnlyAsThemselves()
    {
        var system = shared.System;
        using var carol = system.As(AppIds.OrderService, system.Fabric.Tokens.Customer("carol"));

        using var asAda = await carol.PostAsJsonAsync("orders", OrderRequests.For("ada", "tok_visa", ("MUG-CLASSIC-350", 1)));
        using var asCarol = await carol.PostAsJsonAsync("orders", OrderRequests.For("carol", "tok_visa", ("MUG-CLASSIC-350", 1)));

        Assert.Equal(HttpStatusCode.Forbidden, asAda.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, asCarol.StatusCode);
    }

    [Theory]
    [InlineData(AppIds.AnalyticsService, "GET", "analytics/summary")]
    [InlineData(AppIds.ProductService, "PUT", "products/MUG-CLASSIC-350/stock")]
    [InlineData(AppIds.OrderService, "GET", "admin/dead-letters")]
    [InlineData(AppIds.PaymentService, "GET", "provider/status")]
    public async Task AdminEndpointsRefuseACustomerWith403(string appId, string method, string path)
    {
        var system = shared.System;
        using var customer = system.As(appId, system.Fabric.Tokens.Customer("ada"));
        using var admin = system.As(appId, system.Fabric.Tokens.Admin());

        using var refused = await customer.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { onHand = 5 }) });
        using var allowed = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { onHand = 5 }) });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.True(allowed.IsSuccessStatusCode, $"{allowed.StatusCode}");
    }

    [Fact]
    public async Task InternalEndpointsTakeCallsOnlyFromTheAppsOnTheirAllowList()
    {
        var system = shared.System;
        var customer = system.Fabric.Tokens.Customer("ada");
        var charge = new ChargeRequest("order-x", new Money(5m, "USD"), new PaymentMethod(PaymentMethod.Card, "tok_visa"), "ada");
        var prices = new { skus = new[] { "MUG-CLASSIC-350" } };

        using var chargeFromUser = await system.As(AppIds.PaymentService, customer).PostAsJsonAsync("payments", charge);
        using var chargeFromShipping = await system.As(AppIds.PaymentService, null, AppIds.ShippingService).PostAsJsonAsync("payments", charge);
        using var chargeFromOrders = await system.As(AppIds.PaymentService, null, AppIds.OrderService).PostAsJsonAsync("payments", charge);
        using var pricesFromUser = await system.As(AppIds.ProductService, customer).PostAsJsonAsync("catalog/prices", prices);
        using var pricesFromOrders = await system.As(AppIds.ProductService, null, AppIds.OrderService).PostAsJsonAsync("catalog/prices", prices);
        using var releaseFromUser = await system.As(AppIds.ProductService, customer).PostAsync("inventory/reservations/order-x/release", null);
        using var releaseFromOrders = await system.As(AppIds.ProductService, null, AppIds.OrderService).PostAsync("inventory/reservations/order-x/release", null);

        Assert.Equal(HttpStatusCode.Forbidden, chargeFromUser.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, chargeFromShipping.StatusCode);
        Assert.Equal(HttpStatusCode.OK, chargeFromOrders.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, pricesFromUser.StatusCode);
        Assert.Equal(HttpStatusCode.OK, pricesFromOrders.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, releaseFromUser.StatusCode);
        Assert.True(releaseFromOrders.IsSuccessStatusCode, $"{releaseFromOrders.StatusCode}");
    }

    /// <summary>A guard against forgetting: every endpoint is either protected or on this list of deliberate exceptions.</summary>
    [Fact]
    public async Task EveryEndpointNeedsAUserOrACallerExceptTheOnesThatAreOpenByDesign()
    {
        var system = shared.System;

        // The routes the sidecars deliver subscriptions to: only a sidecar (with the app token) calls them.
        var subscriptionRoutes = system.Fabric.PubSub.Subscriptions
            .SelectMany(s => s.Rules.Select(r => r.Path).Append(s.DefaultRoute).Select(route => $"{s.AppId} POST /{route?.TrimStart('/')}"))
            .ToHashSet(StringComparer.Ordinal);
        var open = system.Endpoints()
            .Where(e => e.Endpoint.Metadata.GetMetadata<IAuthorizeData>() is null && e.Endpoint.Metadata.GetMetadata<CallerAllowList>() is null)
            .Select(e => $"{e.AppId} {string.Join(",", e.Endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])} {e.Endpoint.RoutePattern.RawText}")
            .Where(e => !IsInfrastructure(e) && !subscriptionRoutes.Contains(e))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(
        [
            "product-service GET /products/",
            "product-service GET /products/{sku}",
            "product-service GET /products/{sku}/images/{uploadId}/{width:int}",
            "product-service GET /products/{sku}/stock/",
        ], open);
    }

    /// <summary>Health probes, Dapr's discovery and actor routes: the sidecar calls them, never a user.</summary>
    private static bool IsInfrastructure(string endpoint) =>
        endpoint.Contains(" /health", StringComparison.Ordinal) || endpoint.Contains(" /alive", StringComparison.Ordinal)
        || endpoint.Contains(" /dapr/", StringComparison.Ordinal) || endpoint.Contains(" dapr/", StringComparison.Ordinal)
        || endpoint.Contains(" /actors", StringComparison.Ordinal) || endpoint.Contains(" actors", StringComparison.Ordinal)
        || endpoint.StartsWith("payment-provider", StringComparison.Ordinal);

    private static async Task<HttpStatusCode> StatusAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        return response.StatusCode;
    }
}
