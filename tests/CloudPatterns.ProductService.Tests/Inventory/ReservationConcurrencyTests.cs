namespace CloudPatterns.ProductService.Tests.Inventory;

/// <summary>
/// Races through the fabric's actor runtime, which runs one call at a time per actor id as the Dapr
/// runtime does. Nothing in the actor locks: turn-taking is what keeps the stock right.
/// </summary>
public sealed class ReservationConcurrencyTests
{
    [Fact]
    public async Task FiftyOrdersRacingForTenUnitsReserveExactlyTen()
    {
        await using var host = await ProductServiceHost.StartAsync();
        var item = host.Service<InventoryItems>().For("POSTER-LIMITED");

        var results = await Task.WhenAll(Enumerable.Range(1, 50).Select(i =>
            Task.Run(() => item.ReserveAsync(new ReserveRequest($"order-{i}", 1, TimeSpan.FromMinutes(15))))));

        Assert.Equal(10, results.Count(r => r.Status == ReservationStatus.Reserved));
        Assert.Equal(40, results.Count(r => r.Status == ReservationStatus.Insufficient));
        Assert.Equal(new StockLevel("POSTER-LIMITED", 10, 10, 0), await item.GetStockAsync());
    }

    [Fact]
    public async Task ConcurrentMultiLineOrdersAreAllOrNothing()
    {
        await using var host = await ProductServiceHost.StartAsync();
        var coordinator = host.Service<ReservationCoordinator>();

        var decisions = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => Task.Run(() =>
            coordinator.ReserveAsync(InventoryApiTests.OrderFor($"order-{i}", ("POSTER-LIMITED", 1), ("LAMP-DESK-LED", 1)), CancellationToken.None))));

        // Holds are taken line by line, so a loser may briefly hold a lamp and make another order see
        // lamps short; what must hold is that no order ends half-reserved and nothing is oversold.
        var reserved = decisions.Count(d => d.Status == OrderReservationStatus.Reserved);
        Assert.InRange(reserved, 1, 10);
        Assert.Equal(reserved, (await host.StockAsync("POSTER-LIMITED")).Reserved);
        Assert.Equal(reserved, (await host.StockAsync("LAMP-DESK-LED")).Reserved);
        Assert.All(decisions.Where(d => d.Status != OrderReservationStatus.Reserved), d => Assert.NotEmpty(d.Shortages));
    }

    /// <summary>
    /// A cancelled order's release (from its workflow, which knows no lines) can land while the reservation for
    /// orders.created is being decided: the release records the order as Released before the decision is saved.
    /// The decision then loses, and the holds it took must go back at once, not when they expire.
    /// </summary>
    [Fact]
    public async Task AReleaseThatWinsTheRaceWithAReservationLeavesNothingHeld()
    {
        await using var host = await ProductServiceHost.StartAsync();
        var coordinator = host.Service<ReservationCoordinator>();

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 30).Select(i => Task.Run(async () =>
        {
            var reserve = Task.Run(() => coordinator.ReserveAsync(InventoryApiTests.OrderFor($"order-{i}", ("STICKER-PACK", 1)), CancellationToken.None));
            var release = Task.Run(() => coordinator.ReleaseAsync($"order-{i}", knownLines: [], CancellationToken.None));
            return (await reserve, await release);
        })));

        Assert.All(outcomes, o => Assert.Equal(OrderReservationStatus.Released, o.Item2.Status));
        Assert.Equal(0, (await host.StockAsync("STICKER-PACK")).Reserved);
    }

    [Fact]
    public async Task AHoldThatIsNeverConfirmedIsReleasedWhenItsReminderComesDue()
    {
        await using var host = await ProductServiceHost.StartAsync();
        await host.Service<ReservationCoordinator>().ReserveAsync(InventoryApiTests.OrderFor("order-1", ("LAMP-DESK-LED", 5)), CancellationToken.None);

        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(14));
        var beforeExpiry = await host.StockAsync("LAMP-DESK-LED");
        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(1));
        var afterExpiry = await host.StockAsync("LAMP-DESK-LED");

        Assert.Equal(5, beforeExpiry.Reserved);
        Assert.Equal(new StockLevel("LAMP-DESK-LED", 12, 0, 12), afterExpiry);
    }

    [Fact]
    public async Task StockSurvivesTheActorsBeingDeactivated()
    {
        await using var host = await ProductServiceHost.StartAsync();
        await host.Service<ReservationCoordinator>().ReserveAsync(InventoryApiTests.OrderFor("order-1", ("LAMP-DESK-LED", 5)), CancellationToken.None);

        host.Fabric.Actors.DeactivateAll();

        Assert.Equal(new StockLevel("LAMP-DESK-LED", 12, 5, 7), await host.StockAsync("LAMP-DESK-LED"));
    }

}
