namespace CloudPatterns.ShippingService.Tests;

/// <summary>orders.confirmed and orders.cancelled, delivered as the sidecar delivers them.</summary>
public sealed class ShipmentTests
{
    [Fact]
    public async Task AConfirmedOrderIsDispatchedAndAnnouncedWithItsTrackingNumber()
    {
        await using var host = await ShippingHost.StartAsync();

        var status = await host.DeliverAsync(ShippingHost.Confirmed("order-1", quantity: 3));

        Assert.Equal("SUCCESS", status);
        var shipment = await host.ShipmentOfAsync("order-1");
        Assert.NotNull(shipment);
        Assert.Equal(ShipmentStatus.Dispatched, shipment.Status);
        Assert.Equal("customer-7", shipment.CustomerId);
        Assert.Equal(3, shipment.Items);
        Assert.Equal(1.5m, shipment.WeightKg);
        Assert.Equal(new Money(6.19m, "USD"), shipment.Cost); // domestic standard: 4.99 + 0.80 x 1.5 kg
        Assert.Matches("^PA[0-9]{12}$", shipment.TrackingNumber);

        var message = Assert.Single(host.Fabric.PubSub.PublishedTo(ShipmentDispatched.Topic));
        // The outbox's envelope: the sidecar's own id and type (daprd 1.18), so the event is known by the id inside it.
        Assert.Equal("com.dapr.event.sent", message.Type);
        Assert.Equal(AppIds.ShippingService, message.Source);
        var dispatched = message.DataAs<ShipmentDispatched>();
        Assert.Equal("order-1", dispatched.OrderId);
        Assert.Equal(shipment.ShipmentId, dispatched.ShipmentId);
        Assert.Equal("ParcelCo", dispatched.Carrier);
        Assert.Equal(shipment.TrackingNumber, dispatched.TrackingNumber);
        Assert.Equal("customer-7", dispatched.CustomerId);
        Assert.Equal(shipment.DispatchEventId, dispatched.EventId);

        var byId = await host.Client.GetFromJsonAsync<Shipment>($"shipments/{shipment.ShipmentId}", JsonDefaults.Options);
        Assert.Equal(shipment, byId);
        // Support finds a parcel from its order in the log.
        Assert.Contains(host.Logs.Lines, l => l.Contains($"Order order-1 dispatched as shipment {shipment.ShipmentId}, tracking {shipment.TrackingNumber}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARedeliveredConfirmationShipsNothingMore()
    {
        await using var host = await ShippingHost.StartAsync();
        var confirmed = ShippingHost.Confirmed("order-1");

        await host.DeliverAsync(confirmed);
        var first = await host.ShipmentOfAsync("order-1");
        var again = await host.DeliverAsync(confirmed);
        var retriedByOrderService = await host.DeliverAsync(confirmed with { EventId = Guid.NewGuid() });

        Assert.Equal("SUCCESS", again);
        Assert.Equal("SUCCESS", retriedByOrderService);
        Assert.Single(host.Dispatched());
        Assert.Equal(first, await host.ShipmentOfAsync("order-1"));
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("nothing ships", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwentyConcurrentDeliveriesOfOneConfirmationMakeOneShipment()
    {
        await using var host = await ShippingHost.StartAsync();
        var confirmed = ShippingHost.Confirmed("order-1");

        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => host.DeliverAsync(confirmed)));

        Assert.All(statuses, s => Assert.Equal("SUCCESS", s));
        var dispatched = Assert.Single(host.Dispatched());
        Assert.Equal(dispatched.TrackingNumber, (await host.ShipmentOfAsync("order-1"))!.TrackingNumber);
    }

    [Fact]
    public async Task ACancellationThatArrivesFirstMeansNothingShips()
    {
        await using var host = await ShippingHost.StartAsync();

        var cancelled = await host.DeliverAsync(ShippingHost.Cancelled("order-1"));
        var confirmedLate = await host.DeliverAsync(ShippingHost.Confirmed("order-1"));

        Assert.Equal("SUCCESS", cancelled);
        Assert.Equal("SUCCESS", confirmedLate);
        Assert.Empty(host.Dispatched());
        var shipment = await host.ShipmentOfAsync("order-1");
        Assert.Equal(ShipmentStatus.Cancelled, shipment!.Status);
        Assert.Equal("customer changed their mind", shipment.CancellationReason);
        Assert.Null(shipment.DispatchedAt);
        // The operator is told why a confirmed order did not ship; the cancellation itself was in time and is no warning.
        Assert.Contains(host.Logs.Lines, l => l.Contains("Order order-1 was confirmed after its cancellation reached shipping; nothing ships", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("the shipment stands", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACancellationAfterDispatchLeavesTheShipmentAsItIs()
    {
        await using var host = await ShippingHost.StartAsync();
        await host.DeliverAsync(ShippingHost.Confirmed("order-1"));
        var dispatched = await host.ShipmentOfAsync("order-1");

        var status = await host.DeliverAsync(ShippingHost.Cancelled("order-1"));

        Assert.Equal("SUCCESS", status);
        Assert.Equal(dispatched, await host.ShipmentOfAsync("order-1"));
        Assert.Single(host.Dispatched());
        // The customer was told the order is cancelled, yet the parcel is on its way: the operator must hear of it.
        Assert.Contains(host.Logs.Lines, l => l.Contains($"Order order-1 was cancelled after shipment {dispatched!.ShipmentId} was dispatched; the shipment stands", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhileTheStoreIsDownTheEventIsRetriedAndNothingIsAnnounced()
    {
        await using var host = await ShippingHost.StartAsync();
        var store = host.Fabric.StateStore("shipping-store");
        var confirmed = ShippingHost.Confirmed("order-1");

        store.Unavailable = true;
        var duringOutage = await host.DeliverAsync(confirmed);
        var announcedDuringOutage = host.Dispatched().Count;
        store.Unavailable = false;
        var afterwards = await host.DeliverAsync(confirmed);

        Assert.Equal("RETRY", duringOutage);
        Assert.Equal(0, announcedDuringOutage);
        Assert.Equal("SUCCESS", afterwards);
        Assert.Single(host.Dispatched());
    }

    [Fact]
    public async Task AnUnreadableEnvelopeIsDroppedAndShipsNothing()
    {
        await using var host = await ShippingHost.StartAsync();

        var status = await host.DeliverRawAsync(OrderConfirmed.Topic, """{"id":"m-1","data":{"orderId":""");

        Assert.Equal("DROP", status);
        Assert.Empty(host.Dispatched());
    }

    [Fact]
    public async Task AConfirmationWithoutAnOrderIdIsDroppedAndShipsNothing()
    {
        await using var host = await ShippingHost.StartAsync();
        var data = JsonSerializer.SerializeToNode(ShippingHost.Confirmed("order-1"), JsonDefaults.Options)!.AsObject();
        data.Remove("orderId");

        var status = await host.DeliverRawAsync(
            OrderConfirmed.Topic, CloudEvents.Envelope(OrderConfirmed.Topic, "cloudpatterns.orders.confirmed.v1", "m-1", data).ToJsonString());

        Assert.Equal("DROP", status);
        Assert.Empty(host.Dispatched());
        Assert.Empty(host.Fabric.StateStore("shipping-store").Snapshot());
    }

    [Fact]
    public async Task AnUnknownShipmentIsA404Problem()
    {
        await using var host = await ShippingHost.StartAsync();

        using var byId = await host.Client.GetAsync("shipments/shp_missing");
        using var byOrder = await host.Client.GetAsync("orders/order-404/shipment");

        Assert.Equal(HttpStatusCode.NotFound, byId.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byOrder.StatusCode);
        Assert.Equal("No shipment shp_missing.", (await byId.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        var noShipment = (await byOrder.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Equal("Not found.", noShipment.Title);
        Assert.Equal("Order order-404 has no shipment yet.", noShipment.Detail);
    }

    [Fact]
    public async Task AParcelHoldsEveryItemOfEveryLine()
    {
        await using var host = await ShippingHost.StartAsync();
        var confirmed = ShippingHost.Confirmed("order-1", quantity: 2) with
        {
            Lines = [new PricedOrderLine("LAMP-DESK-LED", "Desk lamp", 2, new Money(39.90m, "USD")), new PricedOrderLine("MUG-CLASSIC-350", "Mug", 3, new Money(9.50m, "USD"))],
        };

        await host.DeliverAsync(confirmed);
        var shipment = await host.ShipmentOfAsync("order-1");

        Assert.Equal(5, shipment!.Items);
        Assert.Equal(2.5m, shipment.WeightKg);
    }

    /// <summary>
    /// The shipment id and tracking number are derived from the order id, so a redelivery after an upgrade must
    /// derive the same ones: a change here would dispatch a second parcel for an order already shipped.
    /// </summary>
    [Fact]
    public void TheIdsAnOrderGetsStayTheSameFromOneReleaseToTheNext()
    {
        Assert.Equal("shp_0bafe22156d2698c143b8604", ShipmentIds.ForOrder("order-1"));
        Assert.Equal("PA328284984675", ShipmentIds.TrackingNumber("ParcelCo", "order-1"));
        Assert.Equal("QX328284984675", ShipmentIds.TrackingNumber("Q", "order-1"));
    }

    /// <summary>Two letters and twelve digits for every order, leading zeros included: carriers' systems take nothing shorter.</summary>
    [Fact]
    public void EveryTrackingNumberIsTwoLettersAndTwelveDigits()
    {
        var numbers = Enumerable.Range(1, 200).Select(i => ShipmentIds.TrackingNumber("ParcelCo", $"order-{i}")).ToList();

        Assert.All(numbers, n => Assert.Matches("^PA[0-9]{12}$", n));
        Assert.Contains(numbers, n => n[2] == '0');
    }
}
