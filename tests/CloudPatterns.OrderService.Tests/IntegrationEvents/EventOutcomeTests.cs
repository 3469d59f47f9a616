namespace CloudPatterns.OrderService.Tests.IntegrationEvents;

/// <summary>
/// What order-service answers the sidecar for events it cannot apply: DROP (to the dead-letter topic) when the order
/// will never exist here, RETRY when it only has not got there yet.
/// </summary>
public sealed class EventOutcomeTests
{
    [Fact]
    public async Task ASubmissionOfAnOrderThatWasNeverStoredIsDropped()
    {
        await using var shop = await ShopHost.StartAsync();
        var submitted = new OrderSubmitted(Guid.NewGuid(), shop.Fabric.Time.GetUtcNow(), "never-stored", "ada", "USD", [new OrderLine("LAMP-DESK-LED", 1)]);

        var status = await DeliverAsync(shop, submitted, AppIds.OrderService);

        Assert.Equal("DROP", status);
        Assert.Null(shop.Workflows.Find("never-stored"));
    }

    [Fact]
    public async Task AShipmentOfAnUnknownOrderIsDroppedAndOneOfAnOrderNotYetConfirmedIsRetried()
    {
        await using var shop = await ShopHost.StartAsync();
        using var productsDeaf = shop.Fabric.PubSub.PauseDeliveriesTo(AppIds.ProductService);
        var waiting = await shop.SubmitAsync(OrderRequests.For());

        var unknown = await DeliverAsync(shop, Dispatched("never-stored"), AppIds.ShippingService);
        var early = await DeliverAsync(shop, Dispatched(waiting), AppIds.ShippingService);

        Assert.Equal("DROP", unknown);
        Assert.Equal("RETRY", early);
        Assert.Equal(OrderStatus.ReservingInventory, shop.WriteModel(waiting).Status);
        Assert.Null(shop.WriteModel(waiting).TrackingNumber);

        ShipmentDispatched Dispatched(string orderId) =>
            new(Guid.NewGuid(), shop.Fabric.Time.GetUtcNow(), orderId, $"ship-{orderId}", "ParcelCo", "PC123456789");
    }

    private static async Task<string> DeliverAsync<TEvent>(ShopHost shop, TEvent integrationEvent, string source) where TEvent : IIntegrationEvent
    {
        using var delivery = CloudEvents.Post(CloudEvents.Envelope(integrationEvent, source));
        using var response = await shop.Orders.SendAsync(delivery);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>();
    }
}
