using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudPatterns.Contracts;
using CloudPatterns.Contracts.Events;
using CloudPatterns.Hosting.Json;
using CloudPatterns.ShippingService.Shipments;
using CloudPatterns.Testing.Fabric;
using CloudPatterns.Testing.Hosting;

namespace CloudPatterns.ShippingService.Tests;

/// <summary>shipping-service in memory on a fresh fabric; tests play its sidecar or publish through the fabric.</summary>
public sealed class ShippingHost : IAsyncDisposable
{
    private ShippingHost(DaprTestFabric fabric, DaprAppFactory<ShippingServiceApp> app)
    {
        Fabric = fabric;
        App = app;
        Client = app.CreateTrustedClient();
    }

    public DaprTestFabric Fabric { get; }

    public DaprAppFactory<ShippingServiceApp> App { get; }

    public HttpClient Client { get; }

    public static async Task<ShippingHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var fabric = new DaprTestFabric();
        var app = new DaprAppFactory<ShippingServiceApp>(fabric, AppIds.ShippingService, builder =>
        {
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }
        });
        await app.StartAsync();
        return new ShippingHost(fabric, app);
    }

    public static OrderConfirmed Confirmed(string orderId, int quantity = 3) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, orderId, "customer-7",
            [new PricedOrderLine("LAMP-DESK-LED", "Desk lamp", quantity, new Money(39.90m, "USD"))],
            new Money(39.90m * quantity, "USD"), "pay_1");

    public static OrderCancelled Cancelled(string orderId) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, orderId, "customer-7", "customer changed their mind", [new OrderLine("LAMP-DESK-LED", 3)]);

    /// <summary>Delivers the event as the sidecar does and returns the status the app answered (SUCCESS, RETRY, DROP).</summary>
    public async Task<string> DeliverAsync<TEvent>(TEvent integrationEvent) where TEvent : IIntegrationEvent
    {
        using var request = CloudEvents.Post(CloudEvents.Envelope(integrationEvent, source: AppIds.OrderService));
        return await StatusOf(await Client.SendAsync(request));
    }

    public async Task<string> DeliverRawAsync(string topic, string rawBody)
    {
        using var request = CloudEvents.Post($"events/{topic}", rawBody);
        return await StatusOf(await Client.SendAsync(request));
    }

    public async Task<Shipment?> ShipmentOfAsync(string orderId)
    {
        using var response = await Client.GetAsync($"orders/{orderId}/shipment");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<Shipment>(JsonDefaults.Options) : null;
    }

    public IReadOnlyList<ShipmentDispatched> Dispatched() =>
        Fabric.PubSub.PublishedTo(ShipmentDispatched.Topic).Select(m => m.DataAs<ShipmentDispatched>()).ToList();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }

    private static async Task<string> StatusOf(HttpResponseMessage response)
    {
        using (response)
        {
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>();
        }
    }
}
