namespace CloudPatterns.ProductService.Tests.Inventory;

/// <summary>An order's reservation across its lines, as order events drive it and as order-service and admins read it.</summary>
public sealed class ReservationTests
{
    private static readonly TimeSpan s_hold = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task AnOrderNamingOneSkuOnTwoLinesReservesTheirSumAndSaysUntilWhenItIsHeld()
    {
        await using var host = await ProductServiceHost.StartAsync();
        var decidedAt = host.Fabric.Time.GetUtcNow();

        await host.DeliverAsync(InventoryApiTests.OrderFor("order-1", ("LAMP-DESK-LED", 2), ("LAMP-DESK-LED", 3)));

        Assert.Equal(new StockLevel("LAMP-DESK-LED", 12, 5, 7), await host.StockAsync("LAMP-DESK-LED"));
        var reserved = Assert.Single(host.Fabric.PubSub.PublishedTo(InventoryReserved.Topic)).DataAs<InventoryReserved>();
        Assert.Equal([new OrderLine("LAMP-DESK-LED", 5)], reserved.Lines);
        Assert.Equal(decidedAt + s_hold, reserved.HeldUntil);
    }

    [Fact]
    public async Task StockIsHeldForTheConfiguredHoldTime()
    {
        await using var host = await ProductServiceHost.StartAsync(configure: b => b.UseSetting("Inventory:HoldTime", "00:05:00"));
        var decidedAt = host.Fabric.Time.GetUtcNow();

        await host.DeliverAsync(InventoryApiTests.OrderFor("order-1", ("LAMP-DESK-LED", 2)));

        var reserved = Assert.Single(host.Fabric.PubSub.PublishedTo(InventoryReserved.Topic)).DataAs<InventoryReserved>();
        Assert.Equal(decidedAt + TimeSpan.FromMinutes(5), reserved.HeldUntil);
    }

    [Fact]
    public async Task OnceALineIsShortALaterLineWithExactlyEnoughIsNotNamed()
    {
        await using var host = await ProductServiceHost.StartAsync();

        // Lines are decided in SKU order: the lamp is short, then exactly the ten posters there are.
        await host.DeliverAsync(InventoryApiTests.OrderFor("order-1", ("LAMP-DESK-LED", 13), ("POSTER-LIMITED", 10)));

        var insufficient = Assert.Single(host.Fabric.PubSub.PublishedTo(InventoryInsufficient.Topic)).DataAs<InventoryInsufficient>();
        Assert.Equal([new StockShortage("LAMP-DESK-LED", 13, 12)], insufficient.Shortages);
        Assert.Equal(0, (await host.StockAsync("POSTER-LIMITED")).Reserved);
    }

    /// <summary>
    /// A short order whose decision could not be recorded (the store timed out) is decided again on redelivery: its
    /// holds are still held then, so it comes out short again, is announced, and gives every hold back.
    /// </summary>
    [Fact]
    public async Task AShortOrderWhoseDecisionCouldNotBeRecordedIsDecidedAgainAndAnnouncedOnRedelivery()
    {
        await using var host = await ProductServiceHost.StartAsync();
        var order = InventoryApiTests.OrderFor("order-1", ("LAMP-DESK-LED", 2), ("POSTER-LIMITED", 11));

        string first;
        using (host.Fabric.StateStore("product-store").FailWrites("reservation:order-1"))
        {
            first = await host.DeliverAsync(order);
        }

        var redelivered = await host.DeliverAsync(order);

        Assert.Equal("RETRY", first);
        Assert.Equal("SUCCESS", redelivered);
        var insufficient = Assert.Single(host.Fabric.PubSub.PublishedTo(InventoryInsufficient.Topic)).DataAs<InventoryInsufficient>();
        Assert.Equal([new StockShortage("POSTER-LIMITED", 11, 10)], insufficient.Shortages);
        Assert.Equal(OrderReservationStatus.Insufficient, (await ReservationAsync(host.Client, "order-1")).Status);
        Assert.Equal(0, (await host.StockAsync("LAMP-DESK-LED")).Reserved);
    }

    [Fact]
    public async Task AConfirmationOfAnOrderThatGotNoStockCommitsNothingAndTellsTheOperator()
    {
        await using var host = await ProductServiceHost.StartAsync();
        await host.DeliverAsync(InventoryApiTests.OrderFor("order-1", ("LAMP-DESK-LED", 13)));

        var status = await host.DeliverAsync(Confirmed("order-1", ("LAMP-DESK-LED", 13)));

        Assert.Equal("SUCCESS", status);
        Assert.Equal(new StockLevel("LAMP-DESK-LED", 12, 0, 12), await host.StockAsync("LAMP-DESK-LED"));
        Assert.Contains(host.Logs.Lines, l => l.Contains("Order order-1 was confirmed but its reservation is Insufficient; nothing to commit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AConfirmationAfterTheHoldExpiredAndTheStockWasSoldMeanwhileTellsTheOperatorHowManyUnitsAreMissing()
    {
        await using var host = await ProductServiceHost.StartAsync();
        await host.DeliverAsync(InventoryApiTests.OrderFor("order-1", ("POSTER-LIMITED", 4)));
        await host.Fabric.AdvanceTimeAsync(s_hold + TimeSpan.FromMinutes(1));
        await host.DeliverAsync(InventoryApiTests.OrderFor("order-2", ("POSTER-LIMITED", 8)));

        await host.DeliverAsync(Confirmed("order-1", ("POSTER-LIMITED", 4)));

        Assert.Equal(new StockLevel("POSTER-LIMITED", 10, 8, 2), await host.StockAsync("POSTER-LIMITED"));
        Assert.Contains(host.Logs.Lines, l => l.Contains("Hold on 4 x POSTER-LIMITED for order order-1 expired and was released", StringComparison.Ordinal));
        Assert.Contains(host.Logs.Lines, l => l.Contains(
            "Order order-1 was confirmed after its hold on POSTER-LIMITED expired and 2 units were sold meanwhile", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("Order order-2 was confirmed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACancellationAfterTheConfirmationLeavesTheOrderCommittedAndTheStockTaken()
    {
        await using var host = await ProductServiceHost.StartAsync();
        await host.DeliverAsync(InventoryApiTests.OrderFor("order-1", ("LAMP-DESK-LED", 3)));
        await host.DeliverAsync(Confirmed("order-1", ("LAMP-DESK-LED", 3)));

        await host.DeliverAsync(new OrderCancelled(Guid.NewGuid(), DateTimeOffset.UtcNow, "order-1", "customer-1", "too late", [new OrderLine("LAMP-DESK-LED", 3)]));

        Assert.Equal(OrderReservationStatus.Committed, (await ReservationAsync(host.Client, "order-1")).Status);
        Assert.Equal(new StockLevel("LAMP-DESK-LED", 9, 0, 9), await host.StockAsync("LAMP-DESK-LED"));
    }

    /// <summary>
    /// A cancellation gives each line's stock back before it records the release. If product-service stops in between,
    /// an orders.created arriving before the cancellation's redelivery finds the stock given back for good.
    /// </summary>
    [Fact]
    public async Task AnOrderCreatedAfterItsCancellationGaveTheStockBackButWasNotRecordedHoldsNothingAndIsNotAnnouncedAsReserved()
    {
        await using var host = await ProductServiceHost.StartAsync();
        var inventory = host.Service<InventoryItems>();
        await inventory.For("LAMP-DESK-LED").ReleaseAsync("order-1");
        await inventory.For("STICKER-PACK").ReleaseAsync("order-1");

        var status = await host.DeliverAsync(InventoryApiTests.OrderFor("order-1", ("LAMP-DESK-LED", 3), ("STICKER-PACK", 2)));

        Assert.Equal("SUCCESS", status);
        Assert.Empty(host.Fabric.PubSub.PublishedTo(InventoryReserved.Topic));
        Assert.Empty(host.Fabric.PubSub.PublishedTo(InventoryInsufficient.Topic));
        Assert.Equal(OrderReservationStatus.Released, (await ReservationAsync(host.Client, "order-1")).Status);
        Assert.Equal(new StockLevel("LAMP-DESK-LED", 12, 0, 12), await host.StockAsync("LAMP-DESK-LED"));
        Assert.Equal(0, (await host.StockAsync("STICKER-PACK")).Reserved);
    }

    [Fact]
    public async Task AReleasedReservationKeepsWhenItWasDecidedAndWhatItHeld()
    {
        await using var host = await ProductServiceHost.StartAsync();
        await host.DeliverAsync(InventoryApiTests.OrderFor("order-1", ("LAMP-DESK-LED", 3)));
        var decided = await ReservationAsync(host.Client, "order-1");
        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(2));

        await host.Client.PostAsync("inventory/reservations/order-1/release", null);

        var released = await ReservationAsync(host.Client, "order-1");
        Assert.Equal(OrderReservationStatus.Released, released.Status);
        Assert.Equal(decided.DecidedAt, released.DecidedAt);
        Assert.Equal(decided.HeldUntil, released.HeldUntil);
        Assert.Equal(decided.OutcomeEventId, released.OutcomeEventId);
        Assert.Equal(decided.Lines, released.Lines);
        Assert.Equal(decided.DecidedAt + TimeSpan.FromMinutes(2), released.UpdatedAt);
    }

    [Fact]
    public async Task AnAdminCanReadAReservationAndAnOrderWithoutOneIsNotFoundNamingIt()
    {
        await using var host = await ProductServiceHost.StartAsync();
        await host.DeliverAsync(InventoryApiTests.OrderFor("order-1", ("LAMP-DESK-LED", 3)));
        using var admin = host.Fabric.App(ProductServiceHost.AppId).CreateSidecarClient(host.Fabric.Tokens.Admin(), AppIds.Gateway);

        var reservation = await ReservationAsync(admin, "order-1");
        using var missing = await host.Client.GetAsync("inventory/reservations/order-9");

        Assert.Equal("order-1", reservation.OrderId);
        Assert.Equal(OrderReservationStatus.Reserved, reservation.Status);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Order order-9 has no reservation.", (await missing.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    private static async Task<OrderReservation> ReservationAsync(HttpClient client, string orderId)
    {
        using var response = await client.GetAsync($"inventory/reservations/{orderId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<OrderReservation>(JsonDefaults.Options))!;
    }

    private static OrderConfirmed Confirmed(string orderId, params (string Sku, int Quantity)[] lines) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, orderId, "customer-1",
            lines.Select(l => new PricedOrderLine(l.Sku, l.Sku, l.Quantity, new Money(1m, "USD"))).ToList(),
            new Money(lines.Sum(l => l.Quantity), "USD"), $"pay-{orderId}");
}
