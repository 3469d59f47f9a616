namespace CloudPatterns.OrderService.Tests.Intake;

public sealed class OrderIntakeTests
{
    /// <summary>
    /// Also when the sidecar's timeout cut off the store's answer after the order was stored and queued: it is accepted,
    /// not answered 503, since a client without an Idempotency-Key that tried again after a 503 would order twice.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnAcceptedOrderIsStoredAsSubmittedAndQueuedWithoutCallingAnyOtherService(bool answerLost)
    {
        // order-service alone: no product-service, no payment-service to call.
        var fabric = new DaprTestFabric();
        await using var orders = await new DaprAppFactory<OrderServiceApp>(fabric, AppIds.OrderService).StartAsync();
        using var client = orders.CreateTrustedClient();
        using var hold = fabric.PubSub.HoldDeliveries();
        if (answerLost)
        {
            fabric.StateStore(DaprComponents.OrderStore).LoseNextAnswer("order:*");
        }

        var response = await client.PostAsJsonAsync("orders", OrderRequests.For(lines: [("LAMP-DESK-LED", 2)]));
        var accepted = await response.Content.ReadFromJsonAsync<OrderAccepted>(JsonDefaults.Options);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/orders/{accepted!.OrderId}", response.Headers.Location?.OriginalString);
        Assert.Equal(OrderStatus.Submitted, accepted.Status);
        var command = Assert.Single(fabric.PubSub.PublishedTo(OrderSubmitted.Topic));
        // The outbox's envelope carries the sidecar's own id and type (daprd 1.18); the command is known by the id inside it.
        Assert.Equal("com.dapr.event.sent", command.Type);
        Assert.Equal(AppIds.OrderService, command.Source);
        Assert.Equal(accepted.OrderId, command.DataAs<OrderSubmitted>().OrderId);
        Assert.NotEqual(Guid.Empty, command.DataAs<OrderSubmitted>().EventId);
        Assert.Equal(OrderStatus.Submitted, fabric.ReadState<Orders.OrderRecord>(AppIds.OrderService, DaprComponents.OrderStore, $"order:{accepted.OrderId}")!.Status);
    }

    [Fact]
    public async Task TheSameIdempotencyKeyAndBodyReturnTheSameOrderOnce()
    {
        await using var shop = await ShopHost.StartAsync();
        var order = OrderRequests.For(lines: [("LAMP-DESK-LED", 1)]);

        var first = await shop.SubmitAsync(order, idempotencyKey: "checkout-77");
        var retried = await shop.SubmitAsync(order, idempotencyKey: "checkout-77");

        Assert.Equal(first, retried);
        Assert.Single(shop.Fabric.PubSub.PublishedTo(OrderSubmitted.Topic));
        Assert.Single(shop.Workflows.Instances);
        Assert.Equal(11, (await shop.StockAsync("LAMP-DESK-LED")).OnHand);
    }

    [Fact]
    public async Task TheSameIdempotencyKeyWithAnotherBodyIsUnprocessable()
    {
        await using var shop = await ShopHost.StartAsync();
        await shop.SubmitAsync(OrderRequests.For(lines: [("LAMP-DESK-LED", 1)]), idempotencyKey: "checkout-77");

        using var request = new HttpRequestMessage(HttpMethod.Post, "orders") { Content = JsonContent.Create(OrderRequests.For(lines: [("LAMP-DESK-LED", 5)])) };
        request.Headers.Add("Idempotency-Key", "checkout-77");
        var response = await shop.Orders.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        var first = shop.Fabric.PubSub.PublishedTo(OrderSubmitted.Topic).Single().DataAs<OrderSubmitted>().OrderId;
        Assert.Equal("This Idempotency-Key was already used for a different order.", problem!.Title);
        Assert.Equal($"Order {first} was created with this key from another request body; use a new key for a new order.", problem.Detail);
    }

    [Fact]
    public async Task DifferentCustomersMayUseTheSameIdempotencyKey()
    {
        await using var shop = await ShopHost.StartAsync();

        var first = await shop.SubmitAsync(OrderRequests.For(customerId: "customer-1"), idempotencyKey: "cart-1");
        var second = await shop.SubmitAsync(OrderRequests.For(customerId: "customer-2"), idempotencyKey: "cart-1");

        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("""{"currency":"USD","lines":[{"sku":"LAMP-DESK-LED","quantity":1}],"payment":{"type":"card","token":"tok_visa"}}""", "customerId")]
    [InlineData("""{"customerId":"c 1","currency":"USD","lines":[{"sku":"LAMP-DESK-LED","quantity":1}],"payment":{"type":"card","token":"tok_visa"}}""", "customerId")]
    [InlineData("""{"customerId":"c1","currency":"XYZ","lines":[{"sku":"LAMP-DESK-LED","quantity":1}],"payment":{"type":"card","token":"tok_visa"}}""", "currency")]
    [InlineData("""{"customerId":"c1","currency":"USD","lines":[],"payment":{"type":"card","token":"tok_visa"}}""", "lines")]
    [InlineData("""{"customerId":"c1","currency":"USD","payment":{"type":"card","token":"tok_visa"}}""", "lines")]
    [InlineData("""{"customerId":"c1","currency":"USD","lines":[{"sku":"LAMP-DESK-LED","quantity":0}],"payment":{"type":"card","token":"tok_visa"}}""", "lines[0].quantity")]
    [InlineData("""{"customerId":"c1","currency":"USD","lines":[{"sku":"LAMP-DESK-LED","quantity":-3}],"payment":{"type":"card","token":"tok_visa"}}""", "lines[0].quantity")]
    [InlineData("""{"customerId":"c1","currency":"USD","lines":[{"quantity":1}],"payment":{"type":"card","token":"tok_visa"}}""", "lines[0].sku")]
    [InlineData("""{"customerId":"c1","currency":"USD","lines":[{"sku":"LAMP-DESK-LED","quantity":1},null],"payment":{"type":"card","token":"tok_visa"}}""", "lines[1]")]
    [InlineData("""{"customerId":"c1","currency":"USD","lines":[{"sku":"LAMP-DESK-LED","quantity":1}]}""", "payment")]
    [InlineData("""{"customerId":"c1","currency":"USD","lines":[{"sku":"LAMP-DESK-LED","quantity":1}],"payment":{"type":"cash","token":"tok_visa"}}""", "payment.type")]
    [InlineData("""{"customerId":"c1","currency":"USD","lines":[{"sku":"LAMP-DESK-LED","quantity":"one"}],"payment":{"type":"card","token":"tok_visa"}}""", "lines[0].quantity")]
    [InlineData("""{"customerId":"c1",""", "body")]
    [InlineData("""{"customerId":"c1","currency":"USD","lines":[{"sku":"LAMP-DESK-LED","quantity":1}],"payment":{"type":"card","token":"4111111111111111"}}""", "payment.token")]
    [InlineData("""{"customerId":"c1","currency":"USD","lines":[{"sku":"LAMP-DESK-LED","quantity":1}],"payment":{"type":"card","token":"4111 1111 1111 1111"}}""", "payment.token")]
    [InlineData("""{"customerId":"c1","currency":"USD","lines":[{"sku":"LAMP-DESK-LED","quantity":1}],"payment":{"type":"card","token":"tok_5500-0000-0000-0004"}}""", "payment.token")]
    public async Task AnInvalidOrderIsABadRequestNamingTheFieldAndNothingIsQueued(string body, string field)
    {
        var fabric = new DaprTestFabric();
        await using var orders = await new DaprAppFactory<OrderServiceApp>(fabric, AppIds.OrderService).StartAsync();
        using var client = orders.CreateTrustedClient();

        var response = await client.PostAsync("orders", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains(field, problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Empty(fabric.PubSub.Published);
    }

    [Theory]
    [InlineData("""{"customerId":"c1","currency":"USD","lines":[{"sku":"LAMP-DESK-LED","quantity":"one"}],"payment":{"type":"card","token":"tok_visa"}}""", "lines[0].quantity", "must be a number")]
    [InlineData("""{"customerId":"c1","currency":"USD","lines":[{"sku":"LAMP-DESK-LED","quantity":1.5}],"payment":{"type":"card","token":"tok_visa"}}""", "lines[0].quantity", "must be a whole number")]
    [InlineData("""{"customerId":"c1","currency":"USD","lines":{"sku":"LAMP-DESK-LED"},"payment":{"type":"card","token":"tok_visa"}}""", "lines", "must be a list")]
    [InlineData("""{"customerId":42,"currency":"USD","lines":[{"sku":"LAMP-DESK-LED","quantity":1}],"payment":{"type":"card","token":"tok_visa"}}""", "customerId", "must be text")]
    public async Task AValueOfTheWrongKindIsNamedWithWhatWasExpectedAndNoDotNetTypeName(string body, string field, string expected)
    {
        await using var orders = await new DaprAppFactory<OrderServiceApp>(new DaprTestFabric(), AppIds.OrderService).StartAsync();
        using var client = orders.CreateTrustedClient();

        var response = await client.PostAsync("orders", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(expected, JsonNode.Parse(text)!["errors"]![field]![0]!.GetValue<string>());
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("CloudPatterns.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoreThanAHundredLinesIsABadRequest()
    {
        var fabric = new DaprTestFabric();
        await using var orders = await new DaprAppFactory<OrderServiceApp>(fabric, AppIds.OrderService).StartAsync();
        using var client = orders.CreateTrustedClient();

        var response = await client.PostAsJsonAsync("orders",
            OrderRequests.For(lines: Enumerable.Range(1, 101).Select(i => ($"SKU-{i:000}", 1)).ToArray()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Lines", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100, "", HttpStatusCode.Accepted)]
    [InlineData(101, "", HttpStatusCode.BadRequest)]
    [InlineData(10, "\t", HttpStatusCode.BadRequest)]
    public async Task AnIdempotencyKeyIsOneToAHundredPrintableCharacters(int length, string control, HttpStatusCode expected)
    {
        var fabric = new DaprTestFabric();
        await using var orders = await new DaprAppFactory<OrderServiceApp>(fabric, AppIds.OrderService).StartAsync();
        using var client = orders.CreateTrustedClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "orders") { Content = JsonContent.Create(OrderRequests.For()) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', length - control.Length) + control);

        var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.BadRequest)
        {
            var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
            Assert.Equal(["must be 1 to 100 printable characters"], problem!.Errors["Idempotency-Key"]);
            Assert.Empty(fabric.PubSub.PublishedTo(OrderSubmitted.Topic));
        }
    }
}
