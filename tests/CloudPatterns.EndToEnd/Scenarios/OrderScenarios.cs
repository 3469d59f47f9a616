namespace CloudPatterns.EndToEnd.Scenarios;

/// <summary>Whole orders as a customer lives them: shipped and mailed, out of stock, declined, cancelled in a race with payment.</summary>
public abstract partial class EndToEndScenarios
{
    [Fact]
    public async Task APaidOrderShipsAndTheCustomerIsMailedTheTrackingNumber()
    {
        using var customer = await CustomerAsync("ada");
        var before = await EnsureStockAsync("LAMP-DESK-LED", 2);

        var (orderId, order) = await PlaceOrderThatEndsAsync("Shipped", customer, "tok_visa", "LAMP-DESK-LED", 2);

        var trackingNumber = order["trackingNumber"]!.GetValue<string>();
        var shipment = await customer.Client.GetFromJsonAsync<JsonObject>($"/api/orders/{orderId}/shipment");
        Assert.Equal(trackingNumber, shipment!["trackingNumber"]!.GetValue<string>());
        Assert.Equal("Dispatched", shipment["status"]!.GetValue<string>());
        var mail = await MailAboutAsync(orderId, m => m.Count == 2, "two messages (confirmed, shipped)");
        Assert.Single(mail, m => m.Text.StartsWith($"Your order {orderId[..8]} is confirmed", StringComparison.Ordinal));
        var shipped = Assert.Single(mail, m => m.Text.StartsWith($"Your order {orderId[..8]} is on its way", StringComparison.Ordinal));
        Assert.Contains($"Hello {customer.Id},", shipped.Text, StringComparison.Ordinal);
        Assert.Contains($"Tracking number: {trackingNumber}", shipped.Text, StringComparison.Ordinal);
        var after = await StockAsync("LAMP-DESK-LED");
        Assert.Equal(before.OnHand - 2, after.OnHand);
        Assert.Equal(before.Reserved, after.Reserved);
    }

    [Fact]
    public async Task AnOrderForMoreThanTheStockIsRejectedAndTheMailNamesTheShortItem()
    {
        using var customer = await CustomerAsync("alan");
        var before = await StockAsync("POSTER-LIMITED");

        var (orderId, _) = await PlaceOrderThatEndsAsync("Rejected", customer, "tok_visa", "POSTER-LIMITED", before.Available + 1);

        var mail = Assert.Single(await MailAboutAsync(orderId, m => m.Count > 0, "the out-of-stock message"));
        Assert.StartsWith($"Your order {orderId[..8]} could not be fulfilled", mail.Text, StringComparison.Ordinal);
        Assert.Contains($"POSTER-LIMITED: you asked for {before.Available + 1}, we have {before.Available}", mail.Text, StringComparison.Ordinal);
        Assert.Equal(before, await StockAsync("POSTER-LIMITED"));
        Assert.Null(await ShipmentStatusAsync(customer.Client, orderId));
    }

    [Fact]
    public async Task ADeclinedCardEndsPaymentFailedWithOneMailNoShipmentAndTheStockReleased()
    {
        using var customer = await CustomerAsync("grace");
        var before = await EnsureStockAsync("MUG-CLASSIC-350", 1);

        var (orderId, _) = await PlaceOrderThatEndsAsync("PaymentFailed", customer, "tok_declined", "MUG-CLASSIC-350", 1);

        var mail = Assert.Single(await MailAboutAsync(orderId, m => m.Count > 0, "the payment-failed message"));
        Assert.StartsWith($"Payment for your order {orderId[..8]} did not go through", mail.Text, StringComparison.Ordinal);
        Assert.Null(await ShipmentStatusAsync(customer.Client, orderId));
        await EventuallyAsync("the declined order's reservation of MUG-CLASSIC-350 to be released",
            () => StockAsync("MUG-CLASSIC-350"), stock => stock == before);
    }

    [Fact]
    public async Task ACancellationRacingPaymentEndsEitherCancelledWithNothingChargedOrShippedNeverBoth()
    {
        using var customer = await CustomerAsync("edsger");
        var before = await EnsureStockAsync("MUG-CLASSIC-350", 1);

        var orderId = await PlaceOrderAsync(customer, "tok_visa", "MUG-CLASSIC-350", 1);
        using var cancel = await customer.Client.PostAsync($"/api/orders/{orderId}/cancel", null);
        var order = await FinalOrderAsync(customer.Client, orderId);
        var shipment = await ShipmentStatusAsync(customer.Client, orderId);

        if (cancel.StatusCode == HttpStatusCode.Conflict)
        {
            // Too late: the order was confirmed first, so it goes all the way.
            Assert.Equal("Shipped", Status(order));
            Assert.Equal("Dispatched", shipment);
            return;
        }

        Assert.True(cancel.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"POST …/cancel answered {(int)cancel.StatusCode}");
        Assert.Equal("Cancelled", Status(order));
        // shipping-service records a cancelled order's shipment as Cancelled (so a late confirmation ships nothing), or has none.
        Assert.Contains(shipment, (string?[])[null, "Cancelled"]);
        await MailAboutAsync(orderId, m => m.Any(x => x.Text.StartsWith($"Your order {orderId[..8]} is cancelled", StringComparison.Ordinal)), "the cancellation message");
        var settled = await EventuallyAsync($"order {orderId}'s refund, if it was charged, to be made",
            () => OrderAsync(customer.Client, orderId), o => o!["refund"] is null || o["refund"]!.GetValue<string>() == "Refunded");
        Assert.DoesNotContain(await Shop.MailAsync(), m => m.Text.Contains(orderId, StringComparison.Ordinal) && m.Text.Contains("is on its way", StringComparison.Ordinal));
        Assert.Equal("Cancelled", Status(settled!));
        await EventuallyAsync("the cancelled order's reservation of MUG-CLASSIC-350 to be released",
            () => StockAsync("MUG-CLASSIC-350"), stock => stock == before);
    }
}
