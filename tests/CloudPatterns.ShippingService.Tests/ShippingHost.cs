namespace CloudPatterns.ShippingService.Tests;

/// <summary>shipping-service in memory on a fresh fabric; tests play its sidecar or publish through the fabric.</summary>
public sealed class ShippingHost : AppHost<ShippingServiceApp>
{
    private ShippingHost(DaprAppFactory<ShippingServiceApp> app, CapturingLoggerProvider logs)
        : base(app, logs)
    {
    }

    public static async Task<ShippingHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var logs = new CapturingLoggerProvider();
        return new ShippingHost(await StartAppAsync(AppIds.ShippingService, logs, settings), logs);
    }

    public static OrderConfirmed Confirmed(string orderId, int quantity = 3) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, orderId, "customer-7",
            [new PricedOrderLine("LAMP-DESK-LED", "Desk lamp", quantity, new Money(39.90m, "USD"))],
            new Money(39.90m * quantity, "USD"), "pay_1");

    public static OrderCancelled Cancelled(string orderId) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, orderId, "customer-7", "customer changed their mind", [new OrderLine("LAMP-DESK-LED", 3)]);

    public async Task<Shipment?> ShipmentOfAsync(string orderId)
    {
        using var response = await Client.GetAsync($"orders/{orderId}/shipment");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<Shipment>(JsonDefaults.Options) : null;
    }

    public IReadOnlyList<ShipmentDispatched> Dispatched() =>
        Fabric.PubSub.PublishedTo(ShipmentDispatched.Topic).Select(m => m.DataAs<ShipmentDispatched>()).ToList();
}
