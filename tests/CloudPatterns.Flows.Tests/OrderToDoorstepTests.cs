namespace CloudPatterns.Flows.Tests;

/// <summary>Whole orders across every service: from POST /orders to shipments.dispatched and the customer's email.</summary>
public sealed class OrderToDoorstepTests
{
    [Fact]
    public async Task APaidOrderShipsAndTheCustomerIsToldTwiceOnceConfirmedAndOnceShipped()
    {
        await using var system = await SystemHost.StartAsync();
        var stockBefore = await system.StockAsync("LAMP-DESK-LED");

        var orderId = await system.PlaceOrderAsync(OrderRequests.For("ada", "tok_visa", ("LAMP-DESK-LED", 2)));

        var order = await system.OrderAsync(orderId);
        var shipment = await system.ShipmentAsync(orderId);
        Assert.Equal(OrderStatus.Shipped, order.Status);
        Assert.NotNull(shipment);
        Assert.Equal(shipment.TrackingNumber, order.TrackingNumber);
        var dispatched = Assert.Single(system.Fabric.PubSub.PublishedTo(ShipmentDispatched.Topic)).DataAs<ShipmentDispatched>();
        Assert.Equal("ada", dispatched.CustomerId);
        Assert.Equal(shipment.TrackingNumber, dispatched.TrackingNumber);

        // The two pieces of news travel on different topics, delivered concurrently: either may be sent first.
        var mail = system.Mail();
        Assert.Equal([$"Your order {orderId[..8]} is confirmed", $"Your order {orderId[..8]} is on its way"], mail.Select(m => m.Subject).Order(StringComparer.Ordinal));
        Assert.All(mail, m => Assert.Equal("ada@example.com", m.To));
        Assert.Contains($"Tracking number: {shipment.TrackingNumber}", mail.Single(m => m.Subject.EndsWith("on its way", StringComparison.Ordinal)).Text, StringComparison.Ordinal);

        var stockAfter = await system.StockAsync("LAMP-DESK-LED");
        Assert.Equal(stockBefore.OnHand - 2, stockAfter.OnHand);
        Assert.Equal(0, stockAfter.Reserved);

        var analytics = await system.AnalyticsAsync();
        Assert.Equal(new Dictionary<string, int> { ["Shipped"] = 1 }, analytics.OrdersByStatus);
        Assert.Equal(order.Total!.Amount, analytics.RevenueByCurrencyAndDay["USD"].Values.Single());
        Assert.Equal(1, analytics.PaymentsCompleted);
        Assert.Equal(0.0, analytics.PaymentFailureRate);
        Assert.Empty(system.Fabric.PubSub.DeadLettered);
        // Every key any app read on the way asked for a strong read (on DynamoDB another could miss the last write).
        Assert.All(system.Fabric.StateStores, store => Assert.Empty(store.EventualReads));
    }

    [Fact]
    public async Task ADeclinedCardEndsThePaymentFailedWithOneEmailNoShipmentAndTheStockBack()
    {
        await using var system = await SystemHost.StartAsync();
        var stockBefore = await system.StockAsync("LAMP-DESK-LED");

        var orderId = await system.PlaceOrderAsync(OrderRequests.For("grace", "tok_declined", ("LAMP-DESK-LED", 1)));

        Assert.Equal(OrderStatus.PaymentFailed, (await system.OrderAsync(orderId)).Status);
        Assert.Null(await system.ShipmentAsync(orderId));
        var mail = Assert.Single(system.Mail());
        Assert.Equal("grace@example.com", mail.To);
        Assert.Equal($"Payment for your order {orderId[..8]} did not go through", mail.Subject);
        Assert.Equal(stockBefore, await system.StockAsync("LAMP-DESK-LED"));
        var analytics = await system.AnalyticsAsync();
        Assert.Equal(1, analytics.OrdersByStatus["PaymentFailed"]);
        Assert.Equal(1.0, analytics.PaymentFailureRate);
    }

    [Fact]
    public async Task AnOrderForMoreThanTheStockIsRejectedWithOneEmailNamingTheShortItem()
    {
        await using var system = await SystemHost.StartAsync();
        var available = (await system.StockAsync("POSTER-LIMITED")).Available;

        var orderId = await system.PlaceOrderAsync(OrderRequests.For("alan", "tok_visa", ("POSTER-LIMITED", available + 1)));

        var order = await system.OrderAsync(orderId);
        Assert.Equal(OrderStatus.Rejected, order.Status);
        var rejected = Assert.Single(system.Fabric.PubSub.PublishedTo(OrderRejected.Topic)).DataAs<OrderRejected>();
        Assert.Equal(RejectionReasons.OutOfStock, rejected.Reason);
        Assert.Equal($"POSTER-LIMITED ({available} of {available + 1} available)", rejected.Detail);
        var mail = Assert.Single(system.Mail());
        Assert.Contains($"POSTER-LIMITED: you asked for {available + 1}, we have {available}", mail.Text, StringComparison.Ordinal);
        Assert.Empty(system.Fabric.PubSub.PublishedTo(PaymentCompleted.Topic));
        Assert.Equal(1, (await system.AnalyticsAsync()).OutOfStockBySku["POSTER-LIMITED"]);
    }

    [Fact]
    public async Task AnOrderWhoseChargesAllGoUnansweredFailsAndWhateverTheyTookIsGivenBackOnceTheProviderAnswers()
    {
        // One retry owner per path: neither order-service's sidecar nor payment-service's provider client repeats a
        // charge, so as many failures as the workflow has attempts fail the order (a hidden retry would use them up
        // sooner, and a later attempt would be paid). The workflow then refunds "whatever was taken": payment-service
        // asks the provider once more with the charge's key, which answers with what it took or, as here where no
        // failed attempt reached it, takes it now; either way it is given back.
        await using var system = await SystemHost.StartAsync();
        var attempts = OrderWorkflowPolicies.Payment.RetryPolicy!.MaxNumberOfAttempts;
        system.Provider.Override(new Knobs(FailureRate: 0, Latency: TimeSpan.Zero, FailNext: attempts));

        var orderId = await system.PlaceOrderAsync(OrderRequests.For("ada", "tok_visa", ("MUG-CLASSIC-350", 1)));
        await system.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(10));

        var order = await system.OrderAsync(orderId);
        Assert.Equal(OrderStatus.PaymentFailed, order.Status);
        Assert.Equal(RefundStatus.Refunded, order.Refund);
        Assert.Equal(attempts + 2, system.Provider.Requests);
        var ledger = system.ProviderLedger;
        var charge = Assert.Single(ledger.Charges.Values);
        var refund = Assert.Single(ledger.Refunds.Values);
        Assert.Equal(charge.Id, refund.Charge);
        Assert.Equal(charge.Amount, refund.Amount);
        // The customer reads why in words, not in the error the workflow logged (service names, a trace id).
        Assert.Equal($"{RejectionReasons.PaymentUnanswered}: {OrderProcessingWorkflow.PaymentUnanswered}", order.StatusReason);
        // One mail for the failure (it does not say nothing was charged: it may have been), one for the refund.
        var mail = system.Mail();
        Assert.Equal(2, mail.Count);
        Assert.Contains(mail, m => m.Subject == $"Payment for your order {orderId[..8]} could not be completed");
        Assert.Contains(mail, m => m.Subject == $"Your refund for order {orderId[..8]}");
        Assert.Contains(system.Logs.Lines, line => line.Contains($"Payment for order {orderId} went unanswered after every attempt: ", StringComparison.Ordinal));
    }

    /// <summary>
    /// payment-service can keep nothing (its store is down) for as long as the workflow charges, so no charge reaches the
    /// provider and no payment is recorded. Once payment-service is back, the order's refund closes the payment as never
    /// taken: the order owes no refund any more (it read Pending for good), and nothing was charged.
    /// </summary>
    [Fact]
    public async Task AnOrderWhoseChargesNeverReachedPaymentServiceOwesNoRefundOnceItIsBack()
    {
        await using var system = await SystemHost.StartAsync();
        var payments = system.Fabric.StateStore(PaymentService.DaprComponents.PaymentStore);
        payments.Unavailable = true;

        var orderId = await system.PlaceOrderAsync(OrderRequests.For("ada", "tok_visa", ("MUG-CLASSIC-350", 1)));
        await system.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(1));
        var owed = (await system.OrderAsync(orderId)).Refund;
        payments.Unavailable = false;
        await system.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(RefundStatus.Pending, owed);
        var order = await system.OrderAsync(orderId);
        Assert.Equal(OrderStatus.PaymentFailed, order.Status);
        Assert.Null(order.Refund);
        Assert.Empty(system.ProviderLedger.Charges);
        Assert.Single(system.Mail()); // the failure; closing the payment tells nobody again
    }

    [Fact]
    public async Task WithEveryMessageDeliveredTwiceTheOutcomeIsTheSame()
    {
        await using var system = await SystemHost.StartAsync(fabric => fabric.PubSub.Options.DuplicateDelivery = true);

        var orderId = await system.PlaceOrderAsync(OrderRequests.For("ada", "tok_visa", ("MUG-CLASSIC-350", 3)));

        Assert.Equal(OrderStatus.Shipped, (await system.OrderAsync(orderId)).Status);
        Assert.Single(system.Fabric.PubSub.PublishedTo(ShipmentDispatched.Topic));
        Assert.Equal(2, system.Mail().Count);
        var analytics = await system.AnalyticsAsync();
        Assert.Equal(1, analytics.OrdersByStatus["Shipped"]);
        Assert.Equal(1, analytics.PaymentsCompleted);
        Assert.Equal(0, (await system.StockAsync("MUG-CLASSIC-350")).Reserved);
        Assert.All(system.Fabric.StateStores, store => Assert.Empty(store.EventualReads)); // the duplicates' checks too
    }
}
