namespace CloudPatterns.ProductService.Tests.Inventory;

/// <summary>The inventory actor on its own, built with ActorHost.CreateForTest.</summary>
public sealed class InventoryItemActorTests
{
    private static readonly TimeSpan s_hold = TimeSpan.FromMinutes(15);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly ActorUnderTest<InventoryItemActor> _item;

    public InventoryItemActorTests() =>
        _item = new ActorUnderTest<InventoryItemActor>("MUG-1", host => new InventoryItemActor(host, _time), JsonDefaults.Options);

    [Fact]
    public async Task ReservingWithinStockHoldsItAndSchedulesTheRelease()
    {
        await StockAsync(10);

        var result = await ReserveAsync("order-1", 4);

        Assert.Equal(new ReservationResult(ReservationStatus.Reserved, 6), result);
        Assert.Equal(new StockLevel("MUG-1", 10, 4, 6), await LevelAsync());
        var reminder = _item.Reminders["hold:order-1"];
        Assert.Equal(s_hold, reminder.DueTime);
        Assert.Equal(Timeout.InfiniteTimeSpan, reminder.Period);
    }

    [Fact]
    public async Task ReservingMoreThanIsAvailableAnswersInsufficientAndHoldsNothing()
    {
        await StockAsync(10);
        await ReserveAsync("order-1", 7);

        var result = await ReserveAsync("order-2", 4);

        Assert.Equal(new ReservationResult(ReservationStatus.Insufficient, 3), result);
        Assert.Equal(new StockLevel("MUG-1", 10, 7, 3), await LevelAsync());
        Assert.False(_item.Reminders.ContainsKey("hold:order-2"));
    }

    [Fact]
    public async Task ReservingTheSameOrderAgainHoldsStockOnlyOnce()
    {
        await StockAsync(10);
        await ReserveAsync("order-1", 4);

        var again = await ReserveAsync("order-1", 4);

        Assert.Equal(ReservationStatus.AlreadyReserved, again.Status);
        Assert.Equal(4, (await LevelAsync()).Reserved);
    }

    [Fact]
    public async Task ReleasingGivesTheHoldBackOnce()
    {
        await StockAsync(10);
        await ReserveAsync("order-1", 4);

        Assert.True(await ReleaseAsync("order-1"));
        Assert.False(await ReleaseAsync("order-1"));

        Assert.Equal(new StockLevel("MUG-1", 10, 0, 10), await LevelAsync());
        Assert.Equal(InventoryItemActor.TombstoneRetention, _item.Reminders["hold:order-1"].DueTime); // now to forget the closed hold
    }

    [Fact]
    public async Task CommittingTurnsTheHoldIntoADecrementOnce()
    {
        await StockAsync(10);
        await ReserveAsync("order-1", 4);

        var first = await CommitAsync("order-1", 4);
        var second = await CommitAsync("order-1", 4);

        Assert.Equal(CommitStatus.Committed, first.Status);
        Assert.Equal(CommitStatus.AlreadyCommitted, second.Status);
        Assert.Equal(new StockLevel("MUG-1", 6, 0, 6), await LevelAsync());
        Assert.Equal(InventoryItemActor.TombstoneRetention, _item.Reminders["hold:order-1"].DueTime);
    }

    [Fact]
    public async Task TheReminderReleasesAHoldThatWasNeverConfirmed()
    {
        await StockAsync(10);
        await ReserveAsync("order-1", 4);

        await FireTheHoldReminderAfterAsync(s_hold);

        Assert.Equal(new StockLevel("MUG-1", 10, 0, 10), await LevelAsync());
        Assert.Equal(ReservationStatus.Closed, (await ReserveAsync("order-1", 4)).Status);
        Assert.Equal(InventoryItemActor.TombstoneRetention, _item.Reminders["hold:order-1"].DueTime); // now to forget it
    }

    /// <summary>An expiry whose save fails leaves the hold's reminder as it was, due now, for the scheduler to try again.</summary>
    [Fact]
    public async Task AnExpiryThatCannotBeSavedLeavesTheReminderDueToTryAgain()
    {
        await StockAsync(10);
        await ReserveAsync("order-1", 4);
        _time.Advance(s_hold);

        using (_item.Store.FailWrites(StockKey))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => _item.FireReminderAsync("hold:order-1"));
        }

        Assert.Equal(s_hold, _item.Reminders["hold:order-1"].DueTime);
        await _item.FireReminderAsync("hold:order-1");
        Assert.Equal(new StockLevel("MUG-1", 10, 0, 10), await LevelAsync());
    }

    [Fact]
    public async Task AReminderThatFiresEarlyWaitsForTheRestOfTheHold()
    {
        await StockAsync(10);
        await ReserveAsync("order-1", 4);

        await FireTheHoldReminderAfterAsync(TimeSpan.FromMinutes(10));

        Assert.Equal(4, (await LevelAsync()).Reserved);
        Assert.Equal(TimeSpan.FromMinutes(5), _item.Reminders["hold:order-1"].DueTime);
    }

    [Fact]
    public async Task AConfirmationAfterTheHoldExpiredTakesTheStockIfItIsStillThere()
    {
        await StockAsync(10);
        await ReserveAsync("order-1", 4);
        await FireTheHoldReminderAfterAsync(s_hold);

        var commit = await CommitAsync("order-1", 4);

        Assert.Equal(CommitStatus.CommittedLate, commit.Status);
        Assert.Equal(6, (await LevelAsync()).OnHand);
    }

    /// <summary>
    /// Once order-1's hold of 4 ran out, order-2 reserved some of the 5 on hand: order-1's confirmation takes exactly what is
    /// left when that is enough, and otherwise reports the shortfall and takes nothing, so stock never goes negative.
    /// </summary>
    [Theory]
    [InlineData(3, CommitStatus.Shortfall, 2, 5, 2)]
    [InlineData(1, CommitStatus.CommittedLate, 0, 1, 0)]
    public async Task ALateConfirmationAfterSomeStockWasSoldElsewhereTakesItAllOrReportsTheShortfall(
        int soldElsewhere, CommitStatus status, int shortfall, int onHand, int available)
    {
        await StockAsync(5);
        await ReserveAsync("order-1", 4);
        await FireTheHoldReminderAfterAsync(s_hold);
        await ReserveAsync("order-2", soldElsewhere);

        var commit = await CommitAsync("order-1", 4);

        Assert.Equal(new CommitResult(status, shortfall), commit);
        Assert.Equal(new StockLevel("MUG-1", onHand, soldElsewhere, available), await LevelAsync());
    }

    [Fact]
    public async Task ReleasingBeforeReservingRefusesTheLateReservation()
    {
        await StockAsync(10);

        await ReleaseAsync("order-1");
        var late = await ReserveAsync("order-1", 2);

        Assert.Equal(new ReservationResult(ReservationStatus.Closed, 10), late);
        Assert.Equal(0, (await LevelAsync()).Reserved);
    }

    [Fact]
    public async Task OnHandCannotDropBelowWhatIsReserved()
    {
        await StockAsync(10);
        await ReserveAsync("order-1", 6);

        var refused = await _item.CallAsync(a => a.SetOnHandAsync(5));
        var accepted = await _item.CallAsync(a => a.SetOnHandAsync(6));

        Assert.False(refused.Accepted);
        Assert.True(accepted.Accepted);
        Assert.Equal(new StockLevel("MUG-1", 6, 6, 0), await LevelAsync());
    }

    [Fact]
    public async Task InitializingOnlyEverSetsTheFirstStock()
    {
        await StockAsync(10);
        await ReserveAsync("order-1", 3);

        var again = await _item.CallAsync(a => a.InitializeAsync(99));

        Assert.Equal(new StockLevel("MUG-1", 10, 3, 7), again);
    }

    [Fact]
    public async Task ARejectedCallLeavesTheSavedStateUntouched()
    {
        await StockAsync(10);
        var writes = _item.Store.WriteCount;

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ReserveAsync("order-1", -1));

        Assert.Equal(writes, _item.Store.WriteCount);
        Assert.Equal(new StockLevel("MUG-1", 10, 0, 10), await LevelAsync());
    }

    [Fact]
    public async Task AClosedHoldIsForgottenByItsReminderAtTheEndOfTheRetention()
    {
        await CloseAHoldOfOrder1Async();

        await FireTheHoldReminderAfterAsync(InventoryItemActor.TombstoneRetention);

        Assert.DoesNotContain(_item.Store.Snapshot().Keys, key => key.EndsWith("closed:order-1", StringComparison.Ordinal));
        Assert.Equal(ReservationStatus.Reserved, (await ReserveAsync("order-1", 1)).Status);
    }

    /// <summary>
    /// Closed holds are records of their own: a busy SKU's week of orders (each one's hold kept closed for the retention)
    /// leaves the stock record the size it was after one. Kept in it, 2,000 orders a week outgrew a DynamoDB item (400 KB).
    /// </summary>
    [Fact]
    public async Task AWeekOfOrdersLeavesTheStockRecordTheSizeItWasAfterOne()
    {
        await StockAsync(1_000);
        await ReserveAndCommitAsync("order-0");
        var afterOne = StockRecord().Length;

        for (var i = 1; i < 500; i++)
        {
            await ReserveAndCommitAsync($"order-{i}");
        }

        Assert.Equal(afterOne, StockRecord().Length);
        Assert.Equal(new StockLevel("MUG-1", 500, 0, 500), await LevelAsync());
        Assert.Equal(CommitStatus.AlreadyCommitted, (await CommitAsync("order-7", 1)).Status);

        async Task ReserveAndCommitAsync(string orderId)
        {
            await ReserveAsync(orderId, 1);
            await CommitAsync(orderId, 1);
        }
    }

    /// <summary>A stock record saved before closed holds had records of their own still refuses what its closed holds refuse, until the retention ends.</summary>
    [Fact]
    public async Task ClosedHoldsInAStockRecordSavedBeforeTheyHadRecordsOfTheirOwnCountUntilTheRetentionEnds()
    {
        var closedAt = _time.GetUtcNow();
        var saved = new InventoryState(10, true, ImmutableDictionary<string, StockHold>.Empty
            .Add("order-1", new StockHold(2, closedAt, HoldStatus.Released, closedAt)));
        _item.Store.Apply([new StateWrite(StockKey, JsonSerializer.SerializeToUtf8Bytes(saved, JsonDefaults.Options), IsDelete: false, ETag: null, FirstWrite: false)]);

        var late = await ReserveAsync("order-1", 2);
        _time.Advance(InventoryItemActor.TombstoneRetention + TimeSpan.FromMinutes(1));
        await ReserveAsync("order-2", 1);

        Assert.Equal(ReservationStatus.Closed, late.Status);
        Assert.Equal(ReservationStatus.Reserved, (await ReserveAsync("order-1", 2)).Status);
    }

    [Fact]
    public async Task AStaleReminderForACommittedHoldLetsNoRepeatedConfirmationTakeTheStockTwice()
    {
        await StockAsync(10);
        await ReserveAsync("order-1", 4);
        await CommitAsync("order-1", 4);
        _time.Advance(s_hold);

        // A reminder that was already on its way when the commit unregistered it.
        await _item.CallAsync(
            async a =>
            {
                await a.ReceiveReminderAsync("hold:order-1", [], s_hold, Timeout.InfiniteTimeSpan);
                return true;
            },
            "ReceiveReminderAsync");
        var again = await CommitAsync("order-1", 4);

        Assert.Equal(CommitStatus.AlreadyCommitted, again.Status);
        Assert.Equal(new StockLevel("MUG-1", 6, 0, 6), await LevelAsync());
    }

    [Fact]
    public async Task AClosedHoldIsRememberedUntilTheEndOfTheRetentionEvenWhenItsReminderFiresEarly()
    {
        await CloseAHoldOfOrder1Async();

        await FireTheHoldReminderAfterAsync(InventoryItemActor.TombstoneRetention - TimeSpan.FromMinutes(1));

        Assert.Equal(ReservationStatus.Closed, (await ReserveAsync("order-1", 1)).Status);
        Assert.Equal(TimeSpan.FromMinutes(1), _item.Reminders["hold:order-1"].DueTime);
    }

    [Fact]
    public async Task RequestsThatWouldCorruptStockAreRefusedAndChangeNothing()
    {
        await StockAsync(10);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _item.CallAsync(a => a.InitializeAsync(-1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _item.CallAsync(a => a.SetOnHandAsync(-1)));
        await Assert.ThrowsAsync<ArgumentException>(() => _item.CallAsync(a => a.ReserveAsync(new ReserveRequest(" ", 1, s_hold))));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _item.CallAsync(a => a.ReserveAsync(new ReserveRequest("order-1", 1, TimeSpan.Zero))));
        await Assert.ThrowsAsync<ArgumentException>(() => ReleaseAsync(" "));
        await Assert.ThrowsAsync<ArgumentException>(() => CommitAsync(" ", 1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => CommitAsync("order-2", 0));

        Assert.Equal(new StockLevel("MUG-1", 10, 0, 10), await LevelAsync());
    }

    private const string StockKey = "test||InventoryItem||MUG-1||stock";

    private byte[] StockRecord() => _item.Store.Get(StockKey).Value!;

    private Task StockAsync(int onHand) => _item.CallAsync(a => a.InitializeAsync(onHand));

    private Task<ReservationResult> ReserveAsync(string orderId, int quantity) =>
        _item.CallAsync(a => a.ReserveAsync(new ReserveRequest(orderId, quantity, s_hold)));

    private Task<bool> ReleaseAsync(string orderId) => _item.CallAsync(a => a.ReleaseAsync(orderId));

    private Task<CommitResult> CommitAsync(string orderId, int quantity) => _item.CallAsync(a => a.CommitAsync(new CommitRequest(orderId, quantity)));

    private Task<StockLevel> LevelAsync() => _item.CallAsync(a => a.GetStockAsync());

    /// <summary>Stocks 10, has order-1 hold 1 of them and releases it: a closed hold, which the item remembers for the retention.</summary>
    private async Task CloseAHoldOfOrder1Async()
    {
        await StockAsync(10);
        await ReserveAsync("order-1", 1);
        await ReleaseAsync("order-1");
    }

    /// <summary>Lets <paramref name="elapsed"/> pass, then fires order-1's hold reminder as the actor runtime would.</summary>
    private async Task FireTheHoldReminderAfterAsync(TimeSpan elapsed)
    {
        _time.Advance(elapsed);
        await _item.FireReminderAsync("hold:order-1");
    }
}
