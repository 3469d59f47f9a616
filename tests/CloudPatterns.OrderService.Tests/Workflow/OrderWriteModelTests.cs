namespace CloudPatterns.OrderService.Tests.Workflow;

/// <summary>
/// The workflow's updates to an order in order-store, one at a time: what is recorded, what is announced, and what a
/// requested cancellation stops. (The workflow tests show the same updates in the flow of a whole order.)
/// </summary>
public sealed class OrderWriteModelTests
{
    private static readonly DateTimeOffset s_at = new(2025, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Money s_ten = new(10m, "USD");

    private readonly DaprTestFabric _fabric = new();
    private readonly OrderStore _store;
    private readonly OrderWriteModel _model;

    public OrderWriteModelTests()
    {
        var client = _fabric.ClientFor(AppIds.OrderService);
        _store = new OrderStore(client);
        _model = new OrderWriteModel(_store, new EventPublisher(client));
    }

    [Fact]
    public async Task AnUpdateForAnOrderThatIsNotRecordedFailsNamingIt()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => _model.ApplyAsync(Update("nope", OrderStatus.Validating), default));

        Assert.Equal("order nope is not in order-store", failure.Message);
    }

    [Fact]
    public async Task AStepTheOrderHasAlreadyPassedIsAnnouncedAgainWithItsEventIdAndChangesNothing()
    {
        await RecordAsync(Order(OrderStatus.ProcessingPayment));
        var update = Update("o-1", OrderStatus.Validating) with { At = s_at.AddMinutes(5) };

        var result = await _model.ApplyAsync(update, default);

        Assert.Equal(new OrderUpdateResult(true, OrderStatus.ProcessingPayment, false), result);
        var announced = Assert.Single(_fabric.PubSub.Published);
        Assert.Equal(OrderProgressed.Topic, announced.Topic);
        Assert.Equal(update.EventId.ToString(), announced.Id);
        var recorded = await RecordedAsync();
        Assert.Equal(OrderStatus.ProcessingPayment, recorded.Status);
        Assert.Equal(s_at, recorded.UpdatedAt);
    }

    [Fact]
    public async Task AnUpdateTheLifecycleDoesNotAllowIsNotAppliedNorAnnounced()
    {
        await RecordAsync(Order(OrderStatus.Validating));

        var result = await _model.ApplyAsync(Update("o-1", OrderStatus.Confirmed), default);

        Assert.Equal(new OrderUpdateResult(false, OrderStatus.Validating, false), result);
        Assert.Empty(_fabric.PubSub.Published);
    }

    [Fact]
    public async Task OnceACancellationIsRequestedNoStepForwardIsTakenNotEvenOneAlreadyPassedButAPaymentIsRecorded()
    {
        await RecordAsync(Order(OrderStatus.ProcessingPayment) with { CancelRequested = true, CancelReason = "changed my mind" });

        var passed = await _model.ApplyAsync(Update("o-1", OrderStatus.Validating), default);
        var paid = await _model.ApplyAsync(Update("o-1", OrderStatus.Confirmed) with { PaymentId = "pay_1", At = s_at.AddMinutes(1) }, default);
        var paidAgain = await _model.ApplyAsync(Update("o-1", OrderStatus.Confirmed) with { PaymentId = "pay_2", At = s_at.AddMinutes(2) }, default);

        var refused = new OrderUpdateResult(false, OrderStatus.ProcessingPayment, true);
        Assert.Equal(new[] { refused, refused, refused }, new[] { passed, paid, paidAgain });
        var recorded = await RecordedAsync();
        Assert.Equal(OrderStatus.ProcessingPayment, recorded.Status);
        Assert.Equal("pay_1", recorded.PaymentId);
        Assert.Equal(s_at.AddMinutes(1), recorded.UpdatedAt);
        Assert.Empty(_fabric.PubSub.Published);
    }

    [Theory]
    [InlineData(null, "changed my mind")]
    [InlineData("payment timed out", "payment timed out")]
    public async Task ACancellationRecordsTheReasonTheWorkflowGivesOrElseTheCustomers(string? given, string recorded)
    {
        await RecordAsync(Order(OrderStatus.Validating) with { CancelRequested = true, CancelReason = "changed my mind" });

        await _model.ApplyAsync(Update("o-1", OrderStatus.Cancelled) with { Reason = given }, default);

        Assert.Equal(recorded, (await RecordedAsync()).StatusReason);
        Assert.Equal(recorded, Assert.Single(_fabric.PubSub.Published).Data!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnEndingOtherThanCancelledRecordsOnlyTheReasonItGives()
    {
        await RecordAsync(Order(OrderStatus.Validating) with { CancelRequested = true, CancelReason = "changed my mind" });

        await _model.ApplyAsync(Update("o-1", OrderStatus.Rejected), default);

        Assert.Null((await RecordedAsync()).StatusReason);
        Assert.Equal(RejectionReasons.Invalid, Assert.Single(_fabric.PubSub.Published).Data!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnUpdateRecordsWhatItBringsAndKeepsWhatItLeavesOut()
    {
        var priced = new[] { new PricedOrderLine("LAMP", "Lamp", 1, s_ten) };
        var repriced = new[] { new PricedOrderLine("LAMP", "Lamp", 2, s_ten) };
        await RecordAsync(Order(OrderStatus.Submitted) with
        {
            PricedLines = priced, Total = s_ten, PaymentId = "pay_1", Shortages = [new StockShortage("LAMP", 1, 0)], StatusDetail = "earlier",
        });

        await _model.ApplyAsync(Update("o-1", OrderStatus.Validating), default);
        var keptWhatWasLeftOut = await RecordedAsync();
        await _model.ApplyAsync(Update("o-1", OrderStatus.ReservingInventory) with
        {
            PricedLines = repriced, Total = new Money(20m, "USD"), PaymentId = "pay_2", Shortages = [new StockShortage("LAMP", 2, 1)], Detail = "now",
        }, default);
        var tookWhatWasBrought = await RecordedAsync();

        Assert.Equal(priced, keptWhatWasLeftOut.PricedLines);
        Assert.Equal(s_ten, keptWhatWasLeftOut.Total);
        Assert.Equal("pay_1", keptWhatWasLeftOut.PaymentId);
        Assert.Equal(new StockShortage("LAMP", 1, 0), Assert.Single(keptWhatWasLeftOut.Shortages!));
        Assert.Null(keptWhatWasLeftOut.StatusDetail); // a detail belongs to the step that gave it
        Assert.Equal(repriced, tookWhatWasBrought.PricedLines);
        Assert.Equal(new Money(20m, "USD"), tookWhatWasBrought.Total);
        Assert.Equal("pay_2", tookWhatWasBrought.PaymentId);
        Assert.Equal(new StockShortage("LAMP", 2, 1), Assert.Single(tookWhatWasBrought.Shortages!));
        Assert.Equal("now", tookWhatWasBrought.StatusDetail);
    }

    private static OrderRecord Order(OrderStatus status) =>
        new("o-1", "ada", "USD", [new OrderLine("LAMP", 1)], new PaymentMethod("card", "tok_visa"), status, s_at, s_at, "fingerprint");

    private static OrderUpdate Update(string orderId, OrderStatus status) => new(orderId, status, Guid.NewGuid(), s_at);

    private async Task RecordAsync(OrderRecord order) => Assert.True(await _store.TryReplaceAsync(order, string.Empty, default));

    private async Task<OrderRecord> RecordedAsync() => (await _store.GetAsync("o-1", default)).Order!;
}
