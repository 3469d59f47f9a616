namespace CloudPatterns.OrderService.Tests.Flows;

/// <summary>At-least-once, out-of-order delivery and failures everywhere: the system still ends right.</summary>
public sealed class RobustnessTests
{
    private static readonly OrderStatus[] s_terminal = [OrderStatus.Confirmed, OrderStatus.Rejected, OrderStatus.PaymentFailed, OrderStatus.Cancelled];

    [Fact]
    public async Task DeliveringEveryMessageTwiceChangesNothing()
    {
        await using var shop = await ShopHost.StartAsync(fabric => fabric.PubSub.Options.DuplicateDelivery = true);
        shop.Payments.DeclinedTokens["tok_declined"] = "card declined";

        var confirmed = await shop.SubmitAsync(OrderRequests.For(lines: [("LAMP-DESK-LED", 2)]));
        var outOfStock = await shop.SubmitAsync(OrderRequests.For(lines: [("POSTER-LIMITED", 11)]));
        var declined = await shop.SubmitAsync(OrderRequests.For(token: "tok_declined", lines: [("LAMP-DESK-LED", 1)]));

        Assert.Equal(OrderStatus.Confirmed, (await shop.ViewAsync(confirmed)).Status);
        Assert.Equal(OrderStatus.Rejected, (await shop.ViewAsync(outOfStock)).Status);
        Assert.Equal(OrderStatus.PaymentFailed, (await shop.ViewAsync(declined)).Status);
        var lamp = await shop.StockAsync("LAMP-DESK-LED");
        Assert.Equal(10, lamp.OnHand);
        Assert.Equal(0, lamp.Reserved);
        Assert.Equal(3, shop.Workflows.Instances.Count);
        Assert.Single(shop.Fabric.PubSub.PublishedTo(OrderConfirmed.Topic).Select(m => m.Id).Distinct());
        Assert.Contains(shop.Fabric.PubSub.Deliveries, d => d.Topic == OrderSubmitted.Topic && d.AppId == AppIds.OrderService);
        Assert.True(shop.Fabric.PubSub.Deliveries.Count(d => d.Topic == InventoryReserved.Topic) >= 4);
    }

    [Fact]
    public async Task ActivitiesRunTwiceStillChargeOnceAndTakeStockOnce()
    {
        await using var shop = await ShopHost.StartAsync();
        shop.Workflows.Options.RunActivitiesTwice = true;

        var orderId = await shop.SubmitAsync(OrderRequests.For(lines: [("LAMP-DESK-LED", 3)]));

        Assert.Equal(OrderStatus.Confirmed, (await shop.ViewAsync(orderId)).Status);
        Assert.Single(shop.Payments.Payments);
        Assert.Equal(9, (await shop.StockAsync("LAMP-DESK-LED")).OnHand);
    }

    [Fact]
    public async Task TwoHundredRandomOrdersWithFailuresAllEndWithNoStockLeakedAndAReadModelThatAgrees()
    {
        const int seed = 424242;
        var random = new Random(seed);
        await using var shop = await ShopHost.StartAsync(fabric =>
        {
            fabric.PubSub.Options.DuplicateDelivery = true;
            fabric.PubSub.Options.ReorderDeliveries = true;
            fabric.PubSub.Reseed(seed);
        });
        shop.Payments.DeclinedTokens["tok_declined"] = "card declined";
        shop.Payments.UnavailableWhen = (orderId, attempt) => (orderId.GetHashCode(StringComparison.Ordinal) & 7) == 0 && attempt <= (orderId.Length % 6);
        string[] skus = ["POSTER-LIMITED", "LAMP-DESK-LED", "HOODIE-CLOUD-M", "MUG-TRAVEL-450", "NOPE-UNKNOWN"];
        var initial = new Dictionary<string, int>();
        foreach (var sku in skus[..4])
        {
            initial[sku] = (await shop.StockAsync(sku)).OnHand;
        }

        var submitted = new List<(string OrderId, (string Sku, int Quantity)[] Lines, bool CancelAsked)>();
        for (var i = 0; i < 200; i++)
        {
            var lines = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => (Sku: skus[random.Next(random.Next(100) < 3 ? 5 : 4)], Quantity: random.Next(1, 4)))
                .GroupBy(l => l.Sku).Select(g => (g.Key, g.Sum(l => l.Quantity))).ToArray();
            var token = random.Next(100) < 15 ? "tok_declined" : "tok_visa";
            using var response = await shop.Orders.PostAsJsonAsync("orders", OrderRequests.For(customerId: $"customer-{random.Next(20)}", token: token, lines: lines));
            var orderId = (await response.Content.ReadFromJsonAsync<OrderAccepted>(JsonDefaults.Options))!.OrderId;
            var cancel = random.Next(100) < 10;
            if (cancel)
            {
                await shop.Orders.PostAsync($"orders/{orderId}/cancel", null);
            }

            submitted.Add((orderId, lines, cancel));
        }

        await shop.Fabric.WaitForQuietAsync(TimeSpan.FromMinutes(2));
        for (var minute = 0; minute < 10; minute++)
        {
            await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(1));
        }

        // Every order ended, in exactly one terminal state, and its workflow with it.
        var written = submitted.ToDictionary(s => s.OrderId, s => shop.WriteModel(s.OrderId));
        Assert.All(written.Values, order => Assert.Contains(order.Status, s_terminal));
        Assert.All(submitted, s => Assert.True(shop.Workflows.Instance(s.OrderId).Status == WorkflowRuntimeStatus.Completed,
            $"workflow of {s.OrderId} is {shop.Workflows.Instance(s.OrderId).Status}: {shop.Workflows.Instance(s.OrderId).FailureDetails?.ErrorMessage}"));
        Assert.All(submitted.Where(s => s.Lines.Any(l => l.Sku == "NOPE-UNKNOWN")), s => Assert.Equal(OrderStatus.Rejected, written[s.OrderId].Status));

        // No stock leaked or oversold: on hand fell by exactly what confirmed orders bought, nothing stays held.
        foreach (var sku in initial.Keys)
        {
            var sold = submitted.Where(s => written[s.OrderId].Status == OrderStatus.Confirmed).SelectMany(s => s.Lines).Where(l => l.Sku == sku).Sum(l => l.Quantity);
            var stock = await shop.StockAsync(sku);
            Assert.Equal(initial[sku] - sold, stock.OnHand);
            Assert.Equal(0, stock.Reserved);
            Assert.True(stock.OnHand >= 0);
        }

        // Only confirmed orders keep money; a payment taken for an order cancelled meanwhile was refunded.
        var kept = shop.Payments.Payments.Values.Where(p => p.Status == Contracts.Payments.PaymentStatus.Captured).Select(p => p.OrderId)
            .Except(shop.Payments.Refunds);
        Assert.All(kept, orderId => Assert.Equal(OrderStatus.Confirmed, written[orderId].Status));

        // The read model agrees with the write model, order by order and customer by customer.
        foreach (var (orderId, order) in written)
        {
            var view = await shop.ViewAsync(orderId);
            Assert.Equal(order.Status, view.Status);
            Assert.Equal(order.CustomerId, view.CustomerId);
        }

        foreach (var customer in written.Values.GroupBy(o => o.CustomerId))
        {
            var page = await shop.Orders.GetFromJsonAsync<CustomerOrderPage>($"customers/{customer.Key}/orders?pageSize=100", JsonDefaults.Options);
            Assert.Equal(
                customer.OrderBy(o => o.OrderId, StringComparer.Ordinal).Select(o => (o.OrderId, o.Status)),
                page!.Items.OrderBy(o => o.OrderId, StringComparer.Ordinal).Select(o => (o.OrderId, o.Status)));
        }

        Assert.Contains(written.Values, o => o.Status == OrderStatus.Confirmed);
        Assert.Contains(written.Values, o => o.Status == OrderStatus.Rejected);
        Assert.Contains(written.Values, o => o.Status == OrderStatus.PaymentFailed);
        Assert.Contains(written.Values, o => o.Status == OrderStatus.Cancelled);
    }
}
