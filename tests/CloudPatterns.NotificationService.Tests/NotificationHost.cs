namespace CloudPatterns.NotificationService.Tests;

/// <summary>notification-service in memory on a fresh fabric, with the local email and sms bindings in memory.</summary>
public sealed class NotificationHost : AppHost<NotificationServiceApp>
{
    private NotificationHost(DaprAppFactory<NotificationServiceApp> app, CapturingLoggerProvider logs)
        : base(app, logs)
    {
    }

    public InMemoryLocalStorageBinding Mailbox => Fabric.Bindings.LocalStorage("email");

    public IReadOnlyList<BindingCall> Emails => Fabric.Bindings.Calls.Where(c => c.BindingName == "email").ToList();

    public IReadOnlyList<BindingCall> Texts => Fabric.Bindings.Calls.Where(c => c.BindingName == "sms").ToList();

    public static async Task<NotificationHost> StartAsync(IDictionary<string, string?>? settings = null, Action<DaprTestFabric>? arrange = null)
    {
        var logs = new CapturingLoggerProvider();
        return new NotificationHost(await StartAppAsync(AppIds.NotificationService, logs, settings, arrange), logs);
    }

    public static OrderConfirmed Confirmed(string orderId, string customerId = "ada") =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, orderId, customerId,
            [new PricedOrderLine("LAMP-DESK-LED", "Desk lamp", 2, new Money(39.90m, "USD"))], new Money(79.80m, "USD"), "pay_1");

    public static OrderRejected Rejected(string orderId, string reason, string customerId = "ada") =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, orderId, customerId,
            reason == RejectionReasons.PaymentFailed ? OrderStatus.PaymentFailed : OrderStatus.Rejected, reason, [new OrderLine("LAMP-DESK-LED", 2)]);

    public static InventoryInsufficient Insufficient(string orderId, string? customerId = "ada") =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, orderId, [new StockShortage("POSTER-LIMITED", 11, 10)], customerId);

    public static ShipmentDispatched Dispatched(string orderId, string? customerId = "ada") =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, orderId, "shp_1", "ParcelCo", "PA000000000042", customerId);

    public async Task SavePreferencesAsync(string customerId, PreferencesInput preferences)
    {
        using var response = await Client.PutAsJsonAsync($"customers/{customerId}/notification-preferences", preferences, JsonDefaults.Options);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The text a binding gets out of the request: every mail and SMS binding unquotes the Go string it is sent.</summary>
    public static string Text(BindingCall call) => System.Text.Json.JsonSerializer.Deserialize<string>(Encoding.UTF8.GetString(call.Data))!;
}
