namespace CloudPatterns.ProductService.Tests.Inventory;

public sealed class InventoryApiTests
{
    [Fact]
    public async Task StockOfAnUnknownSkuIsNotFound()
    {
        await using var host = await ProductServiceHost.StartAsync(seed: false);

        foreach (var response in new[] { await host.Client.GetAsync("products/NOPE-1/stock"), await host.Client.PutAsJsonAsync("products/NOPE-1/stock", new { onHand = 5 }) })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("No product has SKU NOPE-1.", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        }
    }

    [Fact]
    public async Task SettingStockReplacesWhatIsOnHand()
    {
        await using var host = await ProductServiceHost.StartAsync();

        var response = await host.Client.PutAsJsonAsync("products/LAMP-DESK-LED/stock", new { onHand = 40 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new StockLevel("LAMP-DESK-LED", 40, 0, 40), await host.StockAsync("LAMP-DESK-LED"));
    }

    [Fact]
    public async Task NegativeStockIsABadRequestNamingTheField()
    {
        await using var host = await ProductServiceHost.StartAsync();

        var response = await host.Client.PutAsJsonAsync("products/LAMP-DESK-LED/stock", new { onHand = -1 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("OnHand", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(12, (await host.StockAsync("LAMP-DESK-LED")).OnHand);
    }

    [Fact]
    public async Task StockCannotBeSetBelowWhatIsReserved()
    {
        await using var host = await ProductServiceHost.StartAsync();
        await host.Service<ReservationCoordinator>().ReserveAsync(OrderFor("order-1", ("LAMP-DESK-LED", 5)), CancellationToken.None);

        var response = await host.Client.PutAsJsonAsync("products/LAMP-DESK-LED/stock", new { onHand = 4 });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(
            "5 units of LAMP-DESK-LED are reserved for orders; on hand cannot go below that.",
            (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(new StockLevel("LAMP-DESK-LED", 12, 5, 7), await host.StockAsync("LAMP-DESK-LED"));
    }

    [Fact]
    public async Task TheReleaseEndpointGivesStockBackOnceAndIsSafeToRepeat()
    {
        await using var host = await ProductServiceHost.StartAsync();
        await host.Service<ReservationCoordinator>().ReserveAsync(OrderFor("order-1", ("LAMP-DESK-LED", 5), ("STICKER-PACK", 2)), CancellationToken.None);

        var first = await host.Client.PostAsync("inventory/reservations/order-1/release", null);
        var second = await host.Client.PostAsync("inventory/reservations/order-1/release", null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var released = await second.Content.ReadFromJsonAsync<ReleaseResponse>(JsonDefaults.Options);
        Assert.Equal(OrderReservationStatus.Released, released!.Status);
        Assert.Equal(12, (await host.StockAsync("LAMP-DESK-LED")).Available);
        Assert.Equal(500, (await host.StockAsync("STICKER-PACK")).Available);
    }

    /// <summary>
    /// The holds go back first (each actor releases an order once), then the release is recorded. When recording
    /// keeps losing its race the caller is told it failed, and its retry records it without giving stock back twice.
    /// </summary>
    [Fact]
    public async Task AReleaseThatCannotBeRecordedIsAFailureToRetryAndTheRetryGivesNothingBackTwice()
    {
        await using var host = await ProductServiceHost.StartAsync();
        await host.Service<ReservationCoordinator>().ReserveAsync(OrderFor("order-1", ("LAMP-DESK-LED", 5)), CancellationToken.None);

        HttpResponseMessage busy;
        using (host.Fabric.StateStore(DaprComponents.ProductStore).Contend("reservation:order-1"))
        {
            busy = await host.Client.PostAsync("inventory/reservations/order-1/release", null);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Contains("kept changing", await busy.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var (unrecorded, _) = await host.Service<ReservationStore>().GetAsync("order-1", CancellationToken.None);
        Assert.Equal(OrderReservationStatus.Reserved, unrecorded!.Status);

        var retried = await host.Client.PostAsync("inventory/reservations/order-1/release", null);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(OrderReservationStatus.Released, (await retried.Content.ReadFromJsonAsync<ReleaseResponse>(JsonDefaults.Options))!.Status);
        Assert.Equal(new StockLevel("LAMP-DESK-LED", 12, 0, 12), await host.StockAsync("LAMP-DESK-LED"));
    }

    [Fact]
    public async Task ReleasingAnOrderNobodyReservedRecordsItSoALateReservationIsRefused()
    {
        await using var host = await ProductServiceHost.StartAsync();

        await host.Client.PostAsync("inventory/reservations/order-9/release", null);
        var late = await host.Service<ReservationCoordinator>().ReserveAsync(OrderFor("order-9", ("LAMP-DESK-LED", 1)), CancellationToken.None);

        Assert.Equal(OrderReservationStatus.Released, late.Status);
        Assert.Equal(12, (await host.StockAsync("LAMP-DESK-LED")).Available);
    }

    internal static OrderCreated OrderFor(string orderId, params (string Sku, int Quantity)[] lines) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, orderId, "customer-1", lines.Select(l => new OrderLine(l.Sku, l.Quantity)).ToList(),
            new Money(lines.Sum(l => l.Quantity), "USD"));
}
