namespace CloudPatterns.OrderService.Tests.Workflow;

/// <summary>Whole orders through intake, the workflow, product-service and payment, on the fabric.</summary>
public sealed class OrderFlowTests
{
    [Fact]
    public async Task AnOrderThatCanBeFilledAndPaidIsConfirmedAndItsStockTaken()
    {
        await using var shop = await ShopHost.StartAsync();

        var orderId = await shop.SubmitAsync(OrderRequests.For(lines: [("LAMP-DESK-LED", 2), ("STICKER-PACK", 3)]));

        var view = await shop.ViewAsync(orderId);
        Assert.Equal(OrderStatus.Confirmed, view.Status);
        Assert.Equal(new Money(133.00m, "USD"), view.Total);
        Assert.Equal($"pay-{orderId}", view.PaymentId);
        Assert.Null(view.Step); // decided: the workflow's last step (NotifyCustomer, below) is not shown as one it is on
        Assert.Equal(OrderStatus.Confirmed, shop.WriteModel(orderId).Status);
        var lamp = await shop.StockAsync("LAMP-DESK-LED");
        Assert.Equal(10, lamp.OnHand);
        Assert.Equal(0, lamp.Reserved);
        Assert.Equal(497, (await shop.StockAsync("STICKER-PACK")).OnHand);
        Assert.Equal(
            [OrderSubmitted.Topic, OrderProgressed.Topic, OrderCreated.Topic, InventoryReserved.Topic, OrderProgressed.Topic, OrderConfirmed.Topic],
            shop.Fabric.PubSub.Published.Where(m => m.Data?["orderId"]?.GetValue<string>() == orderId).Select(m => m.Topic));
        Assert.Equal(WorkflowRuntimeStatus.Completed, shop.Workflows.Instance(orderId).Status);
        Assert.Equal(WorkflowSteps.NotifyCustomer, shop.WorkflowProgress(orderId).Step);
    }

    [Fact]
    public async Task AnOrderForMoreThanIsInStockIsRejectedAsOutOfStockNamingEveryShortLineAndHoldsNothing()
    {
        await using var shop = await ShopHost.StartAsync();

        var orderId = await shop.SubmitAsync(OrderRequests.For(lines: [("STICKER-PACK", 1), ("POSTER-LIMITED", 11), ("LAMP-DESK-LED", 13)]));

        const string reason = "out-of-stock: LAMP-DESK-LED (12 of 13 available), POSTER-LIMITED (10 of 11 available)";
        await shop.AssertEndedAsync(orderId, OrderStatus.Rejected, reason);
        Assert.Equal(reason, shop.WorkflowResult(orderId).Reason);
        Assert.Equal(WorkflowSteps.NotifyOutOfStock, shop.WorkflowProgress(orderId).Step);
        Assert.Equal(0, (await shop.StockAsync("STICKER-PACK")).Reserved);
        Assert.Equal(0, shop.Payments.ChargeCalls);
        var rejected = Assert.Single(shop.Fabric.PubSub.PublishedTo(OrderRejected.Topic)).DataAs<OrderRejected>();
        Assert.Equal(OrderStatus.Rejected, rejected.Status);
        Assert.Equal(orderId, rejected.OrderId);
    }

    [Theory]
    [InlineData("NOPE-404", "unknown SKU: NOPE-404")]
    [InlineData("customer-blocked", "customer customer-blocked: the account is blocked")]
    public async Task AnInvalidOrderIsRejectedWithTheReason(string problem, string reason)
    {
        await using var shop = await ShopHost.StartAsync();
        var order = problem.StartsWith("customer", StringComparison.Ordinal)
            ? OrderRequests.For(customerId: problem)
            : OrderRequests.For(lines: [(problem, 1)]);

        var orderId = await shop.SubmitAsync(order);

        await shop.AssertEndedAsync(orderId, OrderStatus.Rejected, $"{RejectionReasons.Invalid}: {reason}");
        Assert.Empty(shop.Fabric.PubSub.PublishedTo(OrderCreated.Topic));
    }

    [Fact]
    public async Task AnOrderInAnotherCurrencyThanTheCatalogsIsRejectedSayingBoth()
    {
        await using var shop = await ShopHost.StartAsync();
        var order = OrderRequests.For();
        order["currency"] = "EUR";

        var orderId = await shop.SubmitAsync(order);

        await shop.AssertEndedAsync(orderId, OrderStatus.Rejected, "invalid: LAMP-DESK-LED is priced in USD, the order is in EUR");
    }

    [Fact]
    public async Task AnInactiveProductMakesTheOrderInvalid()
    {
        await using var shop = await ShopHost.StartAsync();
        await shop.TakeOffSaleAsync("POSTER-LIMITED");

        var orderId = await shop.SubmitAsync(OrderRequests.For(lines: [("POSTER-LIMITED", 1)]));

        Assert.Equal("invalid: inactive product: POSTER-LIMITED", (await shop.ViewAsync(orderId)).StatusReason);
    }

    [Fact]
    public async Task ADeclinedPaymentReleasesTheStockAndEndsInPaymentFailed()
    {
        await using var shop = await ShopHost.StartAsync();
        shop.Payments.DeclinedTokens["tok_declined"] = "card declined";

        var orderId = await shop.SubmitAsync(OrderRequests.For(token: "tok_declined", lines: [("LAMP-DESK-LED", 2)]));

        await shop.AssertEndedAsync(orderId, OrderStatus.PaymentFailed, "payment-failed: declined: card declined");
        Assert.Equal("payment-failed: declined: card declined", shop.WorkflowResult(orderId).Reason);
        var lamp = await shop.StockAsync("LAMP-DESK-LED");
        Assert.Equal(12, lamp.OnHand);
        Assert.Equal(0, lamp.Reserved);
        var rejected = Assert.Single(shop.Fabric.PubSub.PublishedTo(OrderRejected.Topic)).DataAs<OrderRejected>();
        Assert.Equal(OrderStatus.PaymentFailed, rejected.Status);
        Assert.StartsWith(RejectionReasons.PaymentFailed, rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APaymentOutageIsRetriedWithBackoffAndAnOrderThatRecoversIsConfirmed()
    {
        await using var shop = await ShopHost.StartAsync();
        shop.Payments.UnavailableFor = 2;

        var orderId = await shop.SubmitAsync(OrderRequests.For());
        var whileRetrying = shop.WriteModel(orderId).Status;
        await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromSeconds(5));
        await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(OrderStatus.ProcessingPayment, whileRetrying);
        Assert.Equal(OrderStatus.Confirmed, (await shop.ViewAsync(orderId)).Status);
        Assert.Equal(3, shop.Payments.ChargeCalls);
        Assert.Single(shop.Payments.Payments);
    }

    [Fact]
    public async Task APaymentOutageThatOutlastsTheRetriesIsCompensated()
    {
        await using var shop = await ShopHost.StartAsync();
        shop.Payments.UnavailableFor = int.MaxValue;

        var orderId = await shop.SubmitAsync(OrderRequests.For(lines: [("LAMP-DESK-LED", 3)]));
        await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(2));

        await shop.AssertEndedAsync(orderId, OrderStatus.PaymentFailed, $"{RejectionReasons.PaymentUnanswered}: {OrderProcessingWorkflow.PaymentUnanswered}");
        Assert.Equal(4, shop.Payments.ChargeCalls);
        Assert.Equal(0, (await shop.StockAsync("LAMP-DESK-LED")).Reserved);
        // The refund says what the charge asked for, so payment-service can close a payment no charge reached.
        Assert.Equal(new Money(177m, "USD"), shop.Payments.RefundRequests[orderId].OrderTotal);
    }

    [Fact]
    public async Task AChargeThatWentThroughButWhoseAnswersWereLostIsRefundedWhenTheOrderFails()
    {
        await using var shop = await ShopHost.StartAsync();
        shop.Payments.AnswersLost = true;

        var orderId = await shop.SubmitAsync(OrderRequests.For());
        await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(OrderStatus.PaymentFailed, (await shop.ViewAsync(orderId)).Status);
        Assert.Equal([orderId], shop.Payments.Refunds);
        Assert.Equal($"order {RejectionReasons.PaymentUnanswered}", shop.Payments.RefundRequests[orderId].Reason);
    }

    [Fact]
    public async Task AChargePaymentServiceRefusesIsNotRetriedAndEndsTheOrderWithTheRefusalInWordsTheAnswerInTheLog()
    {
        var logs = new CapturingLoggerProvider();
        await using var shop = await ShopHost.StartAsync(configureOrders: orders => orders.ConfigureLogging(CapturingLoggerProvider.CaptureLogs(logs)));
        shop.Payments.RefusedTokens["tok_expired"] = "The card token has expired.";

        var orderId = await shop.SubmitAsync(OrderRequests.For(token: "tok_expired"));

        await shop.AssertEndedAsync(orderId, OrderStatus.PaymentFailed, "payment-failed: refused: The card token has expired.");
        Assert.Equal(1, shop.Payments.ChargeCalls);
        Assert.Contains(logs.Lines, l => l.Contains("payment-service refused the request with 422: {", StringComparison.Ordinal) && l.Contains("\"status\":422", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhenProductServiceStopsListeningTheOrderTimesOutAndTheLateOrderReservesNothing()
    {
        await using var shop = await ShopHost.StartAsync();

        string orderId;
        using (shop.Fabric.PubSub.PauseDeliveriesTo(AppIds.ProductService))
        {
            orderId = await shop.SubmitAsync(OrderRequests.For(lines: [("LAMP-DESK-LED", 2)]));
            await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(4));
            Assert.Equal(OrderStatus.ReservingInventory, shop.WriteModel(orderId).Status);
            await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(1));
        }

        // Its events arrive late: the timed-out workflow already released the order (by service invocation),
        // so the late orders.created finds the order released and holds nothing.
        await shop.Fabric.WaitForQuietAsync();

        await shop.AssertEndedAsync(orderId, OrderStatus.Rejected, "inventory-timeout: no answer about stock within 00:05:00");
        Assert.Empty(shop.Fabric.PubSub.PublishedTo(InventoryReserved.Topic));
        Assert.Equal(0, (await shop.StockAsync("LAMP-DESK-LED")).Reserved);
        Assert.Contains(shop.Fabric.PubSub.Deliveries, d => d.AppId == AppIds.ProductService && d.Topic == OrderCreated.Topic);
        Assert.Equal(0, shop.Payments.ChargeCalls);
    }

    /// <summary>Every way an order can end, each replayed from its finished history (a replay of a running workflow checks less).</summary>
    [Fact]
    public async Task TheReplayCheckPassesForEveryPathThroughTheWorkflow()
    {
        await using var shop = await ShopHost.StartAsync();
        shop.Payments.DeclinedTokens["tok_declined"] = "card declined";
        var orders = new List<string>
        {
            await shop.SubmitAsync(OrderRequests.For()),
            await shop.SubmitAsync(OrderRequests.For(lines: [("POSTER-LIMITED", 50)])),
            await shop.SubmitAsync(OrderRequests.For(token: "tok_declined")),
            await shop.SubmitAsync(OrderRequests.For(lines: [("NOPE-1", 1)])),
        };
        using (shop.Fabric.PubSub.PauseDeliveriesTo(AppIds.ProductService))
        {
            orders.Add(await shop.SubmitAsync(OrderRequests.For()));
            await shop.Orders.PostAsync($"orders/{orders[^1]}/cancel", null);
            orders.Add(await shop.SubmitAsync(OrderRequests.For()));
            await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(6)); // past Orders:InventoryTimeout for the last one
        }

        await shop.Fabric.WaitForQuietAsync();

        var endings = orders.Select(id => (shop.WriteModel(id).Status, shop.WriteModel(id).StatusReason)).ToList();
        Assert.Equal(
            [
                (OrderStatus.Confirmed, null),
                (OrderStatus.Rejected, RejectionReasons.OutOfStock),
                (OrderStatus.PaymentFailed, RejectionReasons.PaymentFailed),
                (OrderStatus.Rejected, RejectionReasons.Invalid),
                (OrderStatus.Cancelled, "cancelled by the customer"),
                (OrderStatus.Rejected, RejectionReasons.InventoryTimeout),
            ],
            endings);
        foreach (var orderId in orders)
        {
            Assert.Equal(WorkflowRuntimeStatus.Completed, shop.Workflows.Instance(orderId).Status);
            Assert.Equal(shop.Workflows.Instance(orderId).History.Count, await shop.Workflows.ReplayAsync(orderId));
        }

        var paths = orders.Select(id => string.Join(", ", shop.Workflows.Instance(id).History.Select(e => e.Signature))).ToList();
        Assert.Equal(paths.Count, paths.Distinct(StringComparer.Ordinal).Count());
    }

}
