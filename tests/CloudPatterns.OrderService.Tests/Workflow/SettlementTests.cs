namespace CloudPatterns.OrderService.Tests.Workflow;

/// <summary>Every order settles: compensation never fails the saga, and an order that stops moving is visible and can be moved on.</summary>
public sealed class SettlementTests
{
    [Fact]
    public async Task ARefundTheProviderRefusesForAnHourEndsTheOrderCancelledWithTheRefundPendingThenRefunded()
    {
        await using var shop = await ShopHost.StartAsync();
        var orderId = await CancelWhileTheChargeIsRetriedAsync(shop, refundsUnavailableFor: TimeSpan.FromHours(1));
        await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(5));

        var pending = await shop.ViewAsync(orderId);
        Assert.Equal(OrderStatus.Cancelled, pending.Status);
        Assert.Equal(RefundStatus.Pending, pending.Refund);
        Assert.Equal(WorkflowRuntimeStatus.Running, shop.Workflows.Instance(orderId).Status);
        Assert.Equal(0, (await shop.StockAsync("LAMP-DESK-LED")).Reserved);

        await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromHours(2));

        var settled = await shop.ViewAsync(orderId);
        Assert.Equal(OrderStatus.Cancelled, settled.Status);
        Assert.Equal(RefundStatus.Refunded, settled.Refund);
        Assert.Equal([orderId], shop.Payments.Refunds);
        Assert.Equal(WorkflowRuntimeStatus.Completed, shop.Workflows.Instance(orderId).Status);
        await shop.Workflows.ReplayAsync(orderId);
    }

    [Fact]
    public async Task AStockReleaseProductServiceRefusesForAnHourIsRetriedUntilItIsRecordedAndTheOrderEndsMeanwhile()
    {
        await using var shop = await ShopHost.StartAsync();
        shop.Payments.DeclinedTokens["tok_declined"] = "card declined";
        var orderId = OrderIds.ForIdempotencyKey("customer-1", "declined-once");

        // The stock is reserved (an insert), but recording its release keeps losing to another writer for an hour.
        using (shop.Fabric.StateStore("product-store").Contend($"reservation:{orderId}"))
        {
            Assert.Equal(orderId, await shop.SubmitAsync(OrderRequests.For(token: "tok_declined", lines: [("LAMP-DESK-LED", 1)]), "declined-once"));
            await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromHours(1));

            Assert.Equal(OrderStatus.PaymentFailed, (await shop.ViewAsync(orderId)).Status);
            Assert.Equal(WorkflowRuntimeStatus.Running, shop.Workflows.Instance(orderId).Status);
            Assert.Equal("Reserved", (await ReservationAsync(shop, orderId))["status"]!.GetValue<string>());
        }

        await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromHours(2));

        Assert.Equal(WorkflowRuntimeStatus.Completed, shop.Workflows.Instance(orderId).Status);
        Assert.Equal("Released", (await ReservationAsync(shop, orderId))["status"]!.GetValue<string>());
        Assert.Equal(0, (await shop.StockAsync("LAMP-DESK-LED")).Reserved);
        await shop.Workflows.ReplayAsync(orderId);
    }

    [Fact]
    public async Task ARefundThatKeepsFailingIsTriedAgainAfterAMinuteThenTwiceAsLongButNeverMoreThanAnHourApart()
    {
        await using var shop = await ShopHost.StartAsync();
        var orderId = await CancelWhileTheChargeIsRetriedAsync(shop, refundsUnavailableFor: TimeSpan.FromHours(2));

        var problems = new List<string>();
        var since = new List<DateTimeOffset>();
        for (var minute = 0; minute < 130; minute++)
        {
            await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(1));
            var stuck = await shop.Orders.GetFromJsonAsync<List<StuckOrder>>("admin/orders/stuck", JsonDefaults.Options);
            if (stuck!.SingleOrDefault() is { LastError: { } problem } entry && (problems.Count == 0 || problems[^1] != problem))
            {
                problems.Add(problem);
                since.Add(entry.Since);
            }
        }

        Assert.All(problems, p => Assert.StartsWith("Refund failed: payment-service answered 503: ", p, StringComparison.Ordinal));
        Assert.Equal(
            ["00:01:00", "00:02:00", "00:04:00", "00:08:00", "00:16:00", "00:32:00", "01:00:00"],
            problems.Select(p => p.Split("; trying again in ")[^1]));
        // The stuck view's "since" is the last failed attempt, not the cancellation: each comes the wait before it, plus the
        // refund call's own 15 s of retries, after the one before.
        Assert.Equal([1.25, 2.25, 4.25, 8.25, 16.25, 32.25], since.Zip(since.Skip(1), (before, after) => (after - before).TotalMinutes));
        Assert.Equal([orderId], shop.Payments.Refunds);
        Assert.Equal(WorkflowRuntimeStatus.Completed, shop.Workflows.Instance(orderId).Status);
    }

    [Fact]
    public async Task ADeclinedOrderSettlesAtOnceWhileRefundsAreUnavailableBecauseNothingWasTaken()
    {
        await using var shop = await ShopHost.StartAsync();
        shop.Payments.DeclinedTokens["tok_declined"] = "card declined";
        shop.Payments.RefundsUnavailableUntil = shop.Fabric.Time.GetUtcNow().AddHours(1);

        var orderId = await shop.SubmitAsync(OrderRequests.For(token: "tok_declined"));

        Assert.Equal(OrderStatus.PaymentFailed, (await shop.ViewAsync(orderId)).Status);
        Assert.Equal(WorkflowRuntimeStatus.Completed, shop.Workflows.Instance(orderId).Status);
        Assert.Equal(0, shop.Payments.RefundCalls);
    }

    /// <summary>
    /// A refund that does not go (the provider refuses it for good) keeps the cancelled order's workflow compensating
    /// hourly. An admin's terminate ends that workflow once it is failing (not while compensation has just begun, as a
    /// repeated terminate or one after the customer's own cancel would find it); the refund is still owed, so the order
    /// stays in the stuck view.
    /// </summary>
    [Fact]
    public async Task TerminatingADecidedOrderWhoseRefundKeepsFailingEndsItsWorkflowAndLeavesTheRefundOwed()
    {
        await using var shop = await ShopHost.StartAsync();
        var orderId = await CancelWhileTheChargeIsRetriedAsync(shop, refundsUnavailableFor: TimeSpan.FromDays(30));
        using var whileCompensationStarts = await shop.Orders.PostAsync($"admin/orders/{orderId}/terminate", null);
        var runningAfterARepeatedTerminate = shop.Workflows.Instance(orderId).Status;
        await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(5));
        var compensating = shop.Workflows.Instance(orderId).Status;
        var refundCalls = shop.Payments.RefundCalls;

        using var terminate = await shop.Orders.PostAsync($"admin/orders/{orderId}/terminate", null);
        await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromHours(2));

        Assert.Equal(HttpStatusCode.Accepted, whileCompensationStarts.StatusCode);
        Assert.Equal(WorkflowRuntimeStatus.Running, runningAfterARepeatedTerminate);
        Assert.Equal(WorkflowRuntimeStatus.Running, compensating);
        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        Assert.Equal(WorkflowRuntimeStatus.Terminated, shop.Workflows.Instance(orderId).Status);
        Assert.Equal(refundCalls, shop.Payments.RefundCalls);
        var entry = Assert.Single((await shop.Orders.GetFromJsonAsync<List<StuckOrder>>("admin/orders/stuck", JsonDefaults.Options))!);
        Assert.Equal(OrderStatus.Cancelled, entry.Status);
        Assert.Equal(RefundStatus.Pending, entry.Refund);
        Assert.Equal("Terminated", entry.Workflow);
    }

    [Fact]
    public async Task RetryingAnOrderWhoseWorkflowWasTerminatedWhileARefundWasOwedGivesTheMoneyBack()
    {
        await using var shop = await ShopHost.StartAsync();
        var orderId = await CancelWhileTheChargeIsRetriedAsync(shop, refundsUnavailableFor: TimeSpan.FromMinutes(10));
        await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(1));
        shop.Workflows.Terminate(orderId, null);
        await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(10));
        var owed = (await shop.ViewAsync(orderId)).Refund;
        var refundedBeforeTheRetry = shop.Payments.Refunds.Count;

        Assert.Equal(HttpStatusCode.Accepted, (await shop.Orders.PostAsync($"admin/orders/{orderId}/retry", null)).StatusCode);
        await shop.Fabric.WaitForQuietAsync();

        Assert.Equal(RefundStatus.Pending, owed);
        Assert.Equal(0, refundedBeforeTheRetry);
        var settled = await shop.ViewAsync(orderId);
        Assert.Equal(OrderStatus.Cancelled, settled.Status);
        Assert.Equal(RefundStatus.Refunded, settled.Refund);
        Assert.Equal([orderId], shop.Payments.Refunds);
        Assert.Equal("settled by an earlier run", shop.WorkflowResult(orderId).Reason);
    }

    /// <summary>
    /// A paid order whose workflow failed before it was confirmed (order-store refused the update through every retry),
    /// retried by an admin after its product was taken off sale: the retry keeps the prices it was paid at and confirms it.
    /// Priced again, it was found invalid, could not be rejected once paid, and stayed ProcessingPayment with the money kept.
    /// </summary>
    [Fact]
    public async Task RetryingAPaidOrderWhoseProductWasTakenOffSaleMeanwhileConfirmsItAtThePriceItWasPaid()
    {
        await using var shop = await ShopHost.StartAsync();
        var orderId = await PaidOrderWhoseWorkflowFailedAsync(shop);
        var failed = shop.Workflows.Instance(orderId).Status;
        await shop.TakeOffSaleAsync("LAMP-DESK-LED");

        Assert.Equal(HttpStatusCode.Accepted, (await shop.Orders.PostAsync($"admin/orders/{orderId}/retry", null)).StatusCode);
        await shop.Fabric.WaitForQuietAsync();

        Assert.Equal(WorkflowRuntimeStatus.Failed, failed);
        var view = await shop.ViewAsync(orderId);
        Assert.Equal(OrderStatus.Confirmed, view.Status);
        Assert.Equal(59m, view.Total!.Amount);
        Assert.Empty(shop.Payments.Refunds);
        Assert.Single(shop.Payments.Payments);
    }

    /// <summary>
    /// A run that decides to end an order the write model will not end where it stands (here a paid order with no prices
    /// recorded, found invalid) fails, for the stuck-orders view, rather than completing with the order left as it was.
    /// </summary>
    [Fact]
    public async Task ARunThatCannotEndTheOrderWhereItStandsFailsForAnAdminToSeeInsteadOfCompleting()
    {
        await using var shop = await ShopHost.StartAsync();
        var orderId = await PaidOrderWhoseWorkflowFailedAsync(shop);
        var unpriced = shop.WriteModel(orderId) with { PricedLines = null, Total = null };
        shop.Fabric.StateStore(DaprComponents.OrderStore).Apply(
            [new StateWrite(OrderKey(orderId), JsonSerializer.SerializeToUtf8Bytes(unpriced, JsonDefaults.Options), IsDelete: false, ETag: null, FirstWrite: false)]);
        await shop.TakeOffSaleAsync("LAMP-DESK-LED");

        Assert.Equal(HttpStatusCode.Accepted, (await shop.Orders.PostAsync($"admin/orders/{orderId}/retry", null)).StatusCode);
        await shop.Fabric.WaitForQuietAsync();

        Assert.Equal(WorkflowRuntimeStatus.Failed, shop.Workflows.Instance(orderId).Status);
        Assert.Equal(OrderStatus.ProcessingPayment, shop.WriteModel(orderId).Status);
        var stuck = Assert.Single((await shop.Orders.GetFromJsonAsync<List<StuckOrder>>("admin/orders/stuck", JsonDefaults.Options))!);
        Assert.Contains("is ProcessingPayment and cannot become Rejected", stuck.LastError, StringComparison.Ordinal);
    }

    /// <summary>An order for one desk lamp, paid, whose workflow then failed: order-store refused its confirmation through every retry.</summary>
    private static async Task<string> PaidOrderWhoseWorkflowFailedAsync(ShopHost shop)
    {
        IDisposable? orderStoreFails = null;
        shop.Payments.UnavailableWhen = (orderId, _) =>
        {
            orderStoreFails ??= shop.Fabric.StateStore(DaprComponents.OrderStore).FailWrites(OrderKey(orderId));
            return false;
        };
        var orderId = await shop.SubmitAsync(OrderRequests.For(lines: [("LAMP-DESK-LED", 1)]));
        await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(10));
        orderStoreFails!.Dispose();
        return orderId;
    }

    private static string OrderKey(string orderId) => $"{AppIds.OrderService}||{OrderStore.Key(orderId)}";

    [Fact]
    public async Task WhilePaymentIsBeingRetriedTheOrderReadsProcessingPayment()
    {
        await using var shop = await ShopHost.StartAsync();
        shop.Payments.UnavailableFor = 2;
        var orderId = await shop.SubmitAsync(OrderRequests.For(lines: [("LAMP-DESK-LED", 1)]));

        var view = await shop.ViewAsync(orderId);

        Assert.Equal(OrderStatus.ProcessingPayment, view.Status);
        Assert.Equal(WorkflowSteps.ProcessPayment, view.Step);
        Assert.Equal(OrderStatus.ProcessingPayment, shop.WriteModel(orderId).Status);
        await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(OrderStatus.Confirmed, (await shop.ViewAsync(orderId)).Status);
    }

    /// <summary>The step comes from the workflow API; while that cannot be reached, the order is still shown, from the read model alone.</summary>
    [Fact]
    public async Task WhileTheWorkflowApiIsUnreachableAnOrderIsShownWithoutItsStep()
    {
        await using var shop = await ShopHost.StartAsync();
        shop.Payments.UnavailableFor = 2;
        var orderId = await shop.SubmitAsync(OrderRequests.For(lines: [("LAMP-DESK-LED", 1)]));
        shop.Workflows.Options.ClientFailure = StatusCode.Unavailable;

        var view = await shop.ViewAsync(orderId);

        Assert.Equal(OrderStatus.ProcessingPayment, view.Status);
        Assert.Null(view.Step);
    }

    [Fact]
    public async Task AnOrderWhoseWorkflowFailedIsListedAsStuckWithItsStepAndErrorAndARetryFinishesIt()
    {
        await using var shop = await ShopHost.StartAsync();
        var orderId = await shop.SubmitAnOrderWhoseWorkflowFailsAsync();
        var stuck = await shop.Orders.GetFromJsonAsync<List<StuckOrder>>("admin/orders/stuck", JsonDefaults.Options);

        var entry = Assert.Single(stuck!);
        Assert.Equal(orderId, entry.OrderId);
        Assert.Equal(OrderStatus.Validating, entry.Status);
        Assert.Equal("Failed", entry.Workflow);
        Assert.Equal("ValidateOrder", entry.Step);
        Assert.Contains("503", entry.LastError, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Accepted, (await shop.Orders.PostAsync($"admin/orders/{orderId}/retry", null)).StatusCode);
        await shop.Fabric.WaitForQuietAsync();

        Assert.Equal(OrderStatus.Confirmed, (await shop.ViewAsync(orderId)).Status);
        Assert.Empty((await shop.Orders.GetFromJsonAsync<List<StuckOrder>>("admin/orders/stuck", JsonDefaults.Options))!);
        Assert.Equal(HttpStatusCode.Conflict, (await shop.Orders.PostAsync($"admin/orders/{orderId}/retry", null)).StatusCode);
    }

    [Fact]
    public async Task AnOrderThatStoppedMovingIsListedAfterTheThresholdAndTerminatingItCancelsWithCompensation()
    {
        await using var shop = await ShopHost.StartAsync();
        using var productsDeaf = shop.Fabric.PubSub.PauseDeliveriesTo(AppIds.ProductService);
        var orderId = await shop.SubmitAsync(OrderRequests.For(lines: [("LAMP-DESK-LED", 1)]));

        await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(2));
        Assert.Empty((await shop.Orders.GetFromJsonAsync<List<StuckOrder>>("admin/orders/stuck?olderThanMinutes=3", JsonDefaults.Options))!);
        await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(2));
        var entry = Assert.Single((await shop.Orders.GetFromJsonAsync<List<StuckOrder>>("admin/orders/stuck?olderThanMinutes=3", JsonDefaults.Options))!);
        Assert.Equal(OrderStatus.ReservingInventory, entry.Status);
        Assert.Equal("CheckInventory", entry.Step);
        Assert.Equal("Running", entry.Workflow);

        Assert.Equal(HttpStatusCode.Accepted, (await shop.Orders.PostAsync($"admin/orders/{orderId}/terminate", null)).StatusCode);
        await shop.Fabric.WaitForQuietAsync();

        var view = await shop.ViewAsync(orderId);
        Assert.Equal(OrderStatus.Cancelled, view.Status);
        Assert.Equal("ended by an admin", view.StatusReason);
        Assert.Equal(WorkflowRuntimeStatus.Completed, shop.Workflows.Instance(orderId).Status);
        Assert.Equal(1, shop.Payments.RefundCalls);
        Assert.Empty((await shop.Orders.GetFromJsonAsync<List<StuckOrder>>("admin/orders/stuck?olderThanMinutes=3", JsonDefaults.Options))!);
    }

    /// <summary>
    /// A redelivered orders.submitted that checked the order before its workflow finished starts the workflow again
    /// after it has: daprd reuses a completed instance's id. The second run must leave the order as it was settled.
    /// </summary>
    [Theory]
    [InlineData("confirmed")]
    [InlineData("declined")]
    [InlineData("out of stock")]
    [InlineData("unknown product")]
    [InlineData("cancelled")]
    public async Task AWorkflowStartedAgainAfterTheOrderSettledChangesNothing(string ending)
    {
        await using var shop = await ShopHost.StartAsync();
        var poster = (await shop.StockAsync("POSTER-LIMITED")).Available;
        var order = ending switch
        {
            "declined" => OrderRequests.For(token: "tok_declined", lines: [("LAMP-DESK-LED", 1)]),
            "out of stock" => OrderRequests.For(lines: [("LAMP-DESK-LED", 1), ("POSTER-LIMITED", poster + 1)]),
            "unknown product" => OrderRequests.For(lines: [("NOPE-UNKNOWN", 1)]),
            _ => OrderRequests.For(lines: [("LAMP-DESK-LED", 1)]),
        };
        string orderId;
        using (shop.Fabric.PubSub.PauseDeliveriesTo(ending == "cancelled" ? AppIds.ProductService : "no-one"))
        {
            orderId = await shop.SubmitAsync(order);
            if (ending == "cancelled")
            {
                await shop.Orders.PostAsync($"orders/{orderId}/cancel", null);
            }
        }

        await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(10));
        var settled = (shop.WriteModel(orderId).Status, await shop.StockAsync("LAMP-DESK-LED"), await shop.StockAsync("POSTER-LIMITED"),
            shop.Payments.ChargeCalls, shop.Payments.Refunds.Count, (await shop.ViewAsync(orderId)).Status);
        var first = shop.Workflows.Instance(orderId);
        Assert.Equal(WorkflowRuntimeStatus.Completed, first.Status);

        shop.Workflows.Start(nameof(OrderProcessingWorkflow), orderId, first.SerializedInput);
        await shop.Fabric.WaitForQuietAsync();
        await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(10));

        var again = shop.Workflows.Instance(orderId);
        Assert.True(again.Status == WorkflowRuntimeStatus.Completed, $"{again.Status}: {again.FailureDetails?.ErrorMessage}");
        Assert.Equal(settled.Item1, shop.WorkflowResult(orderId).Status);
        Assert.Equal("settled by an earlier run", shop.WorkflowResult(orderId).Reason);
        Assert.Equal(settled, (shop.WriteModel(orderId).Status, await shop.StockAsync("LAMP-DESK-LED"), await shop.StockAsync("POSTER-LIMITED"),
            shop.Payments.ChargeCalls, shop.Payments.Refunds.Count, (await shop.ViewAsync(orderId)).Status));
        await shop.Workflows.ReplayAsync(orderId);
    }

    /// <summary>
    /// An order for one desk lamp whose cancellation arrives while its charge is being retried; the charge then goes
    /// through, so a refund is owed, and the provider refuses refunds for <paramref name="refundsUnavailableFor"/>.
    /// </summary>
    private static async Task<string> CancelWhileTheChargeIsRetriedAsync(ShopHost shop, TimeSpan refundsUnavailableFor)
    {
        shop.Payments.UnavailableFor = 1;
        shop.Payments.RefundsUnavailableUntil = shop.Fabric.Time.GetUtcNow() + refundsUnavailableFor;
        var orderId = await shop.SubmitAsync(OrderRequests.For());
        Assert.Equal(HttpStatusCode.Accepted, (await shop.Orders.PostAsync($"orders/{orderId}/cancel", null)).StatusCode);
        return orderId;
    }

    private static async Task<System.Text.Json.Nodes.JsonObject> ReservationAsync(ShopHost shop, string orderId) =>
        (await shop.Products.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"inventory/reservations/{orderId}"))!;
}
