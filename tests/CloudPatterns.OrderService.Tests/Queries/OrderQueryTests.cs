namespace CloudPatterns.OrderService.Tests.Queries;

public sealed class OrderQueryTests
{
    /// <summary>When the events delivered below happen.</summary>
    private static readonly DateTimeOffset At = new(2025, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly OrderLine[] OneLamp = [new("LAMP-DESK-LED", 1)];

    [Fact]
    public async Task ACustomersOrdersAreListedNewestFirstAndCanBeFilteredByStatus()
    {
        await using var shop = await ShopHost.StartAsync();
        var first = await shop.SubmitAsync(OrderRequests.For(customerId: "ada"));
        shop.Fabric.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await shop.SubmitAsync(OrderRequests.For(customerId: "ada", lines: [("POSTER-LIMITED", 99)]));
        shop.Fabric.Time.Advance(TimeSpan.FromMinutes(1));
        var third = await shop.SubmitAsync(OrderRequests.For(customerId: "ada"));
        await shop.SubmitAsync(OrderRequests.For(customerId: "grace"));

        var all = await shop.Orders.GetFromJsonAsync<CustomerOrderPage>("customers/ada/orders", JsonDefaults.Options);
        var confirmed = await shop.Orders.GetFromJsonAsync<CustomerOrderPage>("customers/ada/orders?status=Confirmed&pageSize=1&page=2", JsonDefaults.Options);

        Assert.Equal([third, second, first], all!.Items.Select(o => o.OrderId));
        Assert.Equal([OrderStatus.Confirmed, OrderStatus.Rejected, OrderStatus.Confirmed], all.Items.Select(o => o.Status));
        Assert.Equal(2, confirmed!.TotalCount);
        Assert.Equal(first, Assert.Single(confirmed.Items).OrderId);
    }

    [Fact]
    public async Task APagePastTheEndOfACustomersOrdersIsEmptyHoweverFarItIs()
    {
        await using var shop = await ShopHost.StartAsync();
        await shop.SubmitAsync(OrderRequests.For("ada"));

        var beyond = await shop.Orders.GetFromJsonAsync<CustomerOrderPage>($"customers/ada/orders?page={int.MaxValue}&pageSize=100", JsonDefaults.Options);

        Assert.Empty(beyond!.Items);
        Assert.Equal(1, beyond.TotalCount);
    }

    public static TheoryData<string, string> BadParameters => TheoryGroups.Of(
        ("pageSize", ["pageSize=500", "pageSize=ten"]),
        ("page", ["page=0", "page=abc"]),
        ("status", ["status=Lost"]));

    [Theory, MemberData(nameof(BadParameters))]
    public async Task BadQueryParametersAreBadRequestsNamingThem(string field, string query) =>
        await BadRequests.AssertQueryRefusedAsync($"customers/ada/orders?{query}", field);

    [Fact]
    public async Task AnOrderNotYetProjectedIsNotFoundWithAHintToRetry()
    {
        await using var orders = await new DaprAppFactory<OrderServiceApp>(new DaprTestFabric(), AppIds.OrderService).StartAsync();
        using var client = orders.CreateTrustedClient();

        var response = await client.GetAsync("orders/not-yet");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("retry", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventsInAnyOrderAndAnyNumberOfCopiesProjectTheSameSummary()
    {
        await using var orders = await new DaprAppFactory<OrderServiceApp>(new DaprTestFabric(), AppIds.OrderService).StartAsync();
        using var client = orders.CreateTrustedClient();
        IIntegrationEvent[] history =
        [
            new OrderCreated(Guid.NewGuid(), At.AddSeconds(1), "o-1", "ada", OneLamp, new Money(59m, "USD")),
            new PaymentCompleted(Guid.NewGuid(), At.AddSeconds(2), "o-1", "pay-1", new Money(59m, "USD"), "4242"),
            new OrderConfirmed(Guid.NewGuid(), At.AddSeconds(3), "o-1", "ada", [new PricedOrderLine("LAMP-DESK-LED", "LED desk lamp", 1, new Money(59m, "USD"))], new Money(59m, "USD"), "pay-1"),
        ];

        await DeliverAsync(client, [.. history.Reverse(), .. history, .. history.Reverse()]);

        var view = await client.GetFromJsonAsync<OrderView>("orders/o-1", JsonDefaults.Options);
        Assert.Equal(OrderStatus.Confirmed, view!.Status);
        Assert.Equal("pay-1", view.PaymentId);
        Assert.Equal(new Money(59m, "USD"), view.Total);
        Assert.Equal(At.AddSeconds(3), view.UpdatedAt);
        var list = await client.GetFromJsonAsync<CustomerOrderPage>("customers/ada/orders", JsonDefaults.Options);
        Assert.Equal(OrderStatus.Confirmed, Assert.Single(list!.Items).Status);
    }

    /// <summary>
    /// Two events of one order handled at once: the first handler, holding the summary it wrote before the second settled
    /// the order, updates the unsettled index last. The order stays out of it (and out of the stuck-orders view for good).
    /// </summary>
    [Fact]
    public async Task AnIndexUpdateFromASummaryThatWasSettledMeanwhileDoesNotListTheOrderAgain()
    {
        await using var orders = await new DaprAppFactory<OrderServiceApp>(new DaprTestFabric(), AppIds.OrderService).StartAsync();
        var updater = orders.Services.GetRequiredService<OrderSummaryUpdater>();
        var store = orders.Services.GetRequiredService<QueryStore>();
        await updater.ApplyAsync(new OrderCreated(Guid.NewGuid(), At, "o-4", "ada", OneLamp, new Money(59m, "USD")), default);
        var (beforeItSettled, _) = await store.GetOrderAsync("o-4", default);
        var listedWhileOpen = await store.UnsettledOrderIdsAsync(default);

        await updater.ApplyAsync(new OrderRejected(Guid.NewGuid(), At.AddSeconds(1), "o-4", "ada", OrderStatus.Rejected, RejectionReasons.OutOfStock, OneLamp), default);
        await store.TrackUnsettledAsync(beforeItSettled!, default);

        Assert.Equal(["o-4"], listedWhileOpen);
        Assert.Empty(await store.UnsettledOrderIdsAsync(default));
    }

    [Fact]
    public async Task AnEndedOrderIsNeverReopenedByALateProgressEvent()
    {
        await using var orders = await new DaprAppFactory<OrderServiceApp>(new DaprTestFabric(), AppIds.OrderService).StartAsync();
        using var client = orders.CreateTrustedClient();
        IIntegrationEvent[] late =
        [
            new OrderCancelled(Guid.NewGuid(), At.AddSeconds(5), "o-2", "ada", "changed my mind", OneLamp),
            new OrderCreated(Guid.NewGuid(), At.AddSeconds(1), "o-2", "ada", OneLamp, new Money(59m, "USD")),
        ];

        await DeliverAsync(client, late);

        var view = await client.GetFromJsonAsync<OrderView>("orders/o-2", JsonDefaults.Options);
        Assert.Equal(OrderStatus.Cancelled, view!.Status);
        Assert.Equal("changed my mind", view.StatusReason);
        Assert.Equal(new Money(59m, "USD"), view.Total);
    }

    /// <summary>Events arrive in any order, so whichever comes first names the customer whose list the order joins.</summary>
    [Theory]
    [InlineData("progressed", OrderStatus.ProcessingPayment)]
    [InlineData("confirmed", OrderStatus.Confirmed)]
    [InlineData("rejected", OrderStatus.Rejected)]
    [InlineData("cancelled", OrderStatus.Cancelled)]
    public async Task WhicheverEventArrivesFirstTheOrderJoinsItsCustomersList(string first, OrderStatus status)
    {
        await using var orders = await new DaprAppFactory<OrderServiceApp>(new DaprTestFabric(), AppIds.OrderService).StartAsync();
        using var client = orders.CreateTrustedClient();
        IIntegrationEvent integrationEvent = first switch
        {
            "progressed" => new OrderProgressed(Guid.NewGuid(), At, "o-3", "ada", OrderStatus.ProcessingPayment),
            "confirmed" => new OrderConfirmed(Guid.NewGuid(), At, "o-3", "ada", [new PricedOrderLine("LAMP-DESK-LED", "LED desk lamp", 1, new Money(59m, "USD"))], new Money(59m, "USD"), "pay-3"),
            "rejected" => new OrderRejected(Guid.NewGuid(), At, "o-3", "ada", OrderStatus.Rejected, RejectionReasons.OutOfStock, OneLamp),
            _ => new OrderCancelled(Guid.NewGuid(), At, "o-3", "ada", "changed my mind", OneLamp),
        };

        await DeliverAsync(client, integrationEvent);

        var view = await client.GetFromJsonAsync<OrderView>("orders/o-3", JsonDefaults.Options);
        var list = await client.GetFromJsonAsync<CustomerOrderPage>("customers/ada/orders", JsonDefaults.Options);
        Assert.Equal("ada", view!.CustomerId);
        Assert.Equal(status, view.Status);
        var listed = Assert.Single(list!.Items);
        Assert.Equal("o-3", listed.OrderId);
        Assert.Equal(status, listed.Status);
    }

    [Fact]
    public async Task ACancelledOrderThatWasPaidOwesARefundUntilRefundsCoverItAndARedeliveredRefundCountsOnce()
    {
        await using var orders = await new DaprAppFactory<OrderServiceApp>(new DaprTestFabric(), AppIds.OrderService).StartAsync();
        using var client = orders.CreateTrustedClient();
        var firstRefund = new PaymentRefunded(Guid.NewGuid(), At.AddSeconds(4), "o-4", "pay-4", "re-1", new Money(20m, "USD"), new Money(39m, "USD"));

        await DeliverAsync(client,
            new OrderCreated(Guid.NewGuid(), At.AddSeconds(1), "o-4", "ada", OneLamp, new Money(59m, "USD")),
            new OrderCancelled(Guid.NewGuid(), At.AddSeconds(3), "o-4", "ada", "changed my mind", OneLamp, PaymentId: "pay-4"));
        var owed = await client.GetFromJsonAsync<OrderView>("orders/o-4", JsonDefaults.Options);
        await DeliverAsync(client, firstRefund, firstRefund);
        var partly = await client.GetFromJsonAsync<OrderView>("orders/o-4", JsonDefaults.Options);
        await DeliverAsync(client, new PaymentRefunded(Guid.NewGuid(), At.AddSeconds(5), "o-4", "pay-4", "re-2", new Money(39m, "USD"), new Money(0m, "USD")));
        var whole = await client.GetFromJsonAsync<OrderView>("orders/o-4", JsonDefaults.Options);

        Assert.Equal("pay-4", owed!.PaymentId);
        Assert.Equal(RefundStatus.Pending, owed.Refund);
        Assert.Null(owed.Refunded);
        Assert.Equal(RefundStatus.PartiallyRefunded, partly!.Refund);
        Assert.Equal(new Money(20m, "USD"), partly.Refunded);
        Assert.Equal(RefundStatus.Refunded, whole!.Refund);
        Assert.Equal(new Money(59m, "USD"), whole.Refunded);
        Assert.Equal("ada", whole.CustomerId);
        Assert.Equal(At.AddSeconds(5), whole.UpdatedAt);
        Assert.DoesNotContain((await client.GetFromJsonAsync<List<StuckOrder>>("admin/orders/stuck", JsonDefaults.Options))!, s => s.OrderId == "o-4");
    }

    /// <summary>
    /// An order whose charge nobody answered may owe money back: Pending (and in the stuck view) until payment-service
    /// says what the charge took: refunded, or declined (nothing taken) - whichever way round the events arrive.
    /// </summary>
    [Fact]
    public async Task AnUnansweredChargeOwesARefundUntilItIsRefundedOrFoundDeclinedInEitherOrderOfArrival()
    {
        await using var orders = await new DaprAppFactory<OrderServiceApp>(new DaprTestFabric(), AppIds.OrderService).StartAsync();
        using var client = orders.CreateTrustedClient();
        OrderRejected Unanswered(string orderId) =>
            new(Guid.NewGuid(), At, orderId, "ada", OrderStatus.PaymentFailed, RejectionReasons.PaymentUnanswered, OneLamp, Detail: "no answer");
        PaymentFailed Declined(string orderId) =>
            new(Guid.NewGuid(), At.AddSeconds(1), orderId, $"pay-{orderId}", new Money(59m, "USD"), "card_declined", "ada");

        await DeliverAsync(client, Unanswered("o-owed"), Unanswered("o-taken"), Unanswered("o-declined"), Declined("o-declined-first"));
        var owed = await client.GetFromJsonAsync<OrderView>("orders/o-owed", JsonDefaults.Options);
        var listed = (await client.GetFromJsonAsync<List<StuckOrder>>("admin/orders/stuck", JsonDefaults.Options))!.Select(s => s.OrderId).ToList();
        await DeliverAsync(client,
            new PaymentRefunded(Guid.NewGuid(), At.AddSeconds(2), "o-taken", "pay-o-taken", "re-1", new Money(59m, "USD"), new Money(0m, "USD")),
            Declined("o-declined"),
            Unanswered("o-declined-first"));

        Assert.Equal(RefundStatus.Pending, owed!.Refund);
        Assert.Contains("o-owed", listed);
        Assert.Equal(RefundStatus.Refunded, (await client.GetFromJsonAsync<OrderView>("orders/o-taken", JsonDefaults.Options))!.Refund);
        Assert.Null((await client.GetFromJsonAsync<OrderView>("orders/o-declined", JsonDefaults.Options))!.Refund);
        Assert.Null((await client.GetFromJsonAsync<OrderView>("orders/o-declined-first", JsonDefaults.Options))!.Refund);
        var stillListed = (await client.GetFromJsonAsync<List<StuckOrder>>("admin/orders/stuck", JsonDefaults.Options))!.Select(s => s.OrderId);
        Assert.Equal(["o-owed"], stillListed);
    }

    [Fact]
    public async Task AnOrderCancelledBeforeItWasPaidOwesNothingAndARejectionShowsItsDetail()
    {
        await using var orders = await new DaprAppFactory<OrderServiceApp>(new DaprTestFabric(), AppIds.OrderService).StartAsync();
        using var client = orders.CreateTrustedClient();

        await DeliverAsync(client,
            new OrderCancelled(Guid.NewGuid(), At, "o-5", "ada", "changed my mind", OneLamp),
            new OrderRejected(Guid.NewGuid(), At, "o-6", "ada", OrderStatus.PaymentFailed, RejectionReasons.PaymentFailed, OneLamp, Detail: "card declined"),
            new OrderRejected(Guid.NewGuid(), At, "o-7", "ada", OrderStatus.Rejected, RejectionReasons.OutOfStock, OneLamp));

        var cancelled = await client.GetFromJsonAsync<OrderView>("orders/o-5", JsonDefaults.Options);
        var declined = await client.GetFromJsonAsync<OrderView>("orders/o-6", JsonDefaults.Options);
        var outOfStock = await client.GetFromJsonAsync<OrderView>("orders/o-7", JsonDefaults.Options);
        Assert.Equal(OrderStatus.Cancelled, cancelled!.Status);
        Assert.Null(cancelled.PaymentId);
        Assert.Null(cancelled.Refund);
        Assert.Equal($"{RejectionReasons.PaymentFailed}: card declined", declined!.StatusReason);
        Assert.Equal(RejectionReasons.OutOfStock, outOfStock!.StatusReason);
    }

    [Fact]
    public async Task APaymentWithoutCardDigitsAndAConfirmationWithoutAPaymentIdAreAppliedNotDropped()
    {
        await using var orders = await new DaprAppFactory<OrderServiceApp>(new DaprTestFabric(), AppIds.OrderService).StartAsync();
        using var client = orders.CreateTrustedClient();

        await DeliverAsync(client,
            new PaymentCompleted(Guid.NewGuid(), At.AddSeconds(1), "o-8", "pay-8", new Money(59m, "USD"), CardLast4: null),
            new OrderConfirmed(Guid.NewGuid(), At.AddSeconds(2), "o-8", "ada", [new PricedOrderLine("LAMP-DESK-LED", "LED desk lamp", 1, new Money(59m, "USD"))], new Money(59m, "USD")));

        var view = await client.GetFromJsonAsync<OrderView>("orders/o-8", JsonDefaults.Options);
        Assert.Equal("pay-8", view!.PaymentId);
        Assert.Equal(OrderStatus.Confirmed, view.Status);
        Assert.Equal(At.AddSeconds(2), view.UpdatedAt);
        Assert.Empty(orders.Fabric.PubSub.DeadLettered);
    }

    /// <summary>Delivers each event as the sidecar does, in this order.</summary>
    private static async Task DeliverAsync(HttpClient client, params IIntegrationEvent[] events)
    {
        foreach (var e in events)
        {
            using var request = CloudEvents.Post(Envelope(e));
            (await client.SendAsync(request)).EnsureSuccessStatusCode();
        }
    }

    private static System.Text.Json.Nodes.JsonObject Envelope(IIntegrationEvent e)
    {
        var declared = EventTypes.Of(e.GetType());
        return CloudEvents.Envelope(declared.Topic, declared.CloudEventType, e.EventId.ToString(),
            System.Text.Json.JsonSerializer.SerializeToNode(e, e.GetType(), JsonDefaults.Options));
    }
}
