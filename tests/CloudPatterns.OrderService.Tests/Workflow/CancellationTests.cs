namespace CloudPatterns.OrderService.Tests.Workflow;

public sealed class CancellationTests
{
    [Fact]
    public async Task CancellingWhileTheWorkflowWaitsForStockReleasesItAndEndsCancelled()
    {
        await using var shop = await ShopHost.StartAsync();
        string orderId;
        using (shop.Fabric.PubSub.PauseDeliveriesTo(AppIds.ProductService))
        {
            orderId = await shop.SubmitAsync(OrderRequests.For(lines: [("LAMP-DESK-LED", 2)]));
            var step = (await shop.ViewAsync(orderId)).Step;

            var response = await shop.Orders.PostAsJsonAsync($"orders/{orderId}/cancel", new { reason = "found it cheaper" });
            await shop.Fabric.WaitForQuietAsync();

            Assert.Equal("CheckInventory", step);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await shop.Fabric.WaitForQuietAsync();
        await shop.AssertEndedAsync(orderId, OrderStatus.Cancelled, "found it cheaper");
        Assert.Equal("found it cheaper", Assert.Single(shop.Fabric.PubSub.PublishedTo(OrderCancelled.Topic)).DataAs<OrderCancelled>().Reason);
        Assert.Equal(0, (await shop.StockAsync("LAMP-DESK-LED")).Reserved);
        Assert.Equal(0, shop.Payments.ChargeCalls);
        Assert.Equal("cancelled", shop.WorkflowResult(orderId).Reason);
        await shop.Workflows.ReplayAsync(orderId);
    }

    [Fact]
    public async Task ACancellationThatArrivesDuringPaymentWinsOverConfirmationAndTheChargeIsRefunded()
    {
        await using var shop = await ShopHost.StartAsync();
        shop.Payments.UnavailableFor = 1;
        var orderId = await shop.SubmitAsync(OrderRequests.For(lines: [("LAMP-DESK-LED", 1)]));

        var response = await shop.Orders.PostAsync($"orders/{orderId}/cancel", null);
        await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(OrderStatus.Cancelled, (await shop.ViewAsync(orderId)).Status);
        Assert.Equal([orderId], shop.Payments.Refunds);
        Assert.Equal("order cancelled", shop.Payments.RefundRequests[orderId].Reason);
        Assert.Equal(RefundStatus.Refunded, (await shop.ViewAsync(orderId)).Refund);
        var lamp = await shop.StockAsync("LAMP-DESK-LED");
        Assert.Equal(12, lamp.OnHand);
        Assert.Equal(0, lamp.Reserved);
        Assert.Empty(shop.Fabric.PubSub.PublishedTo(OrderConfirmed.Topic));
        await shop.Workflows.ReplayAsync(orderId);
    }

    [Fact]
    public async Task CancellingBeforeTheWorkflowStartsCancelsAtItsFirstStep()
    {
        await using var shop = await ShopHost.StartAsync();

        var (orderId, answer) = await CancelBeforeTheWorkflowStartsAsync(shop, OrderRequests.For());

        Assert.Equal(HttpStatusCode.Accepted, answer);
        Assert.Equal(OrderStatus.Cancelled, shop.WriteModel(orderId).Status);
        Assert.Empty(shop.Fabric.PubSub.PublishedTo(OrderCreated.Topic));
    }

    [Fact]
    public async Task AnInvalidOrderCancelledBeforeTheWorkflowStartsReadsCancelledNotRejected()
    {
        await using var shop = await ShopHost.StartAsync();

        var (orderId, _) = await CancelBeforeTheWorkflowStartsAsync(shop, OrderRequests.For(lines: [("NOPE-404", 1)]), "ordered by mistake");

        await shop.AssertEndedAsync(orderId, OrderStatus.Cancelled, "ordered by mistake");
    }

    [Fact]
    public async Task ACancelledOrderCanBeCancelledAgainHarmlessly()
    {
        await using var shop = await ShopHost.StartAsync();
        using var paused = shop.Fabric.PubSub.PauseDeliveriesTo(AppIds.ProductService);
        var orderId = await shop.SubmitAsync(OrderRequests.For());
        await shop.Orders.PostAsync($"orders/{orderId}/cancel", null);
        await shop.Fabric.WaitForQuietAsync();

        var again = await shop.Orders.PostAsync($"orders/{orderId}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(shop.Fabric.PubSub.PublishedTo(OrderCancelled.Topic));
    }

    [Fact]
    public async Task AConfirmedOrderCannotBeCancelled()
    {
        await using var shop = await ShopHost.StartAsync();
        var orderId = await shop.SubmitAsync(OrderRequests.For());

        var response = await shop.Orders.PostAsync($"orders/{orderId}/cancel", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Confirmed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(OrderStatus.Confirmed, shop.WriteModel(orderId).Status);
    }

    [Fact]
    public async Task AShippedOrderCannotBeCancelled()
    {
        await using var shop = await ShopHost.StartAsync();
        var orderId = await shop.SubmitAsync(OrderRequests.For());
        var dispatched = new ShipmentDispatched(Guid.NewGuid(), shop.Fabric.Time.GetUtcNow(), orderId, "ship-1", "ParcelCo", "PC123456789");
        using (var delivery = CloudEvents.Post(CloudEvents.Envelope(dispatched, source: AppIds.ShippingService)))
        {
            (await shop.Orders.SendAsync(delivery)).EnsureSuccessStatusCode();
        }

        var response = await shop.Orders.PostAsync($"orders/{orderId}/cancel", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("shipped", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var view = await shop.ViewAsync(orderId);
        Assert.Equal(OrderStatus.Shipped, view.Status);
        Assert.Equal("PC123456789", view.TrackingNumber);
    }

    [Fact]
    public async Task CancellingAnUnknownOrderIsNotFound()
    {
        await using var shop = await ShopHost.StartAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await shop.Orders.PostAsync("orders/nope/cancel", null)).StatusCode);
    }

    /// <summary>
    /// Submits <paramref name="order"/> and cancels it (for <paramref name="reason"/>, or giving none) while order-service
    /// hears nothing, so before its workflow starts; then lets the system run until it is quiet. Returns the order's id
    /// and what the cancellation was answered.
    /// </summary>
    private static async Task<(string OrderId, HttpStatusCode Answer)> CancelBeforeTheWorkflowStartsAsync(ShopHost shop, object order, string? reason = null)
    {
        string orderId;
        HttpStatusCode answer;
        using (shop.Fabric.PubSub.PauseDeliveriesTo(AppIds.OrderService))
        {
            orderId = await shop.SubmitAsync(order);
            using var cancel = reason is null
                ? await shop.Orders.PostAsync($"orders/{orderId}/cancel", null)
                : await shop.Orders.PostAsJsonAsync($"orders/{orderId}/cancel", new { reason });
            answer = cancel.StatusCode;
        }

        await shop.Fabric.WaitForQuietAsync();
        return (orderId, answer);
    }
}
