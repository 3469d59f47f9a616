namespace CloudPatterns.AnalyticsService.Tests;

/// <summary>analytics-service on a fresh fabric, with the declarative analytics-pipeline subscriptions from components/common.</summary>
public sealed class AnalyticsHost : AppHost<AnalyticsServiceApp>
{
    public static readonly DateTimeOffset Day1 = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private AnalyticsHost(DaprAppFactory<AnalyticsServiceApp> app, CapturingLoggerProvider logs)
        : base(app, logs)
    {
    }

    public static async Task<AnalyticsHost> StartAsync()
    {
        var logs = new CapturingLoggerProvider();
        return new AnalyticsHost(await StartAppAsync(AppIds.AnalyticsService, logs), logs);
    }

    /// <summary>The state store analytics-service records its summary in.</summary>
    public InMemoryStateStore Store => Fabric.StateStore(DaprComponents.AnalyticsStore);

    /// <summary>Publishes as <paramref name="appId"/>'s sidecar would, so the CloudEvent source is that app.</summary>
    public Task PublishAsync<TEvent>(string appId, TEvent integrationEvent) where TEvent : IIntegrationEvent =>
        new EventPublisher(Fabric.ClientFor(appId)).PublishAsync(integrationEvent);

    public async Task<AnalyticsSummary> SummaryAsync() =>
        (await Client.GetFromJsonAsync<AnalyticsSummary>("analytics/summary", JsonDefaults.Options))!;

    public IReadOnlyList<string> RoutesTaken() =>
        Fabric.PubSub.Deliveries.Where(d => d.AppId == AppIds.AnalyticsService).Select(d => d.Route).ToList();

    public static OrderCreated Created(string orderId) =>
        new(Guid.NewGuid(), Day1, orderId, "ada", [new OrderLine("MUG-CLASSIC-350", 2)], new Money(25m, "USD"));

    public static OrderConfirmed Confirmed(string orderId, decimal total = 25m, string currency = "USD", DateTimeOffset? at = null) =>
        new(Guid.NewGuid(), at ?? Day1, orderId, "ada", [new PricedOrderLine("MUG-CLASSIC-350", "Mug", 2, new Money(total / 2, currency))],
            new Money(total, currency), "pay_1");

    public static OrderRejected Rejected(string orderId, string reason) =>
        new(Guid.NewGuid(), Day1, orderId, "ada", reason == RejectionReasons.PaymentFailed ? OrderStatus.PaymentFailed : OrderStatus.Rejected,
            reason, [new OrderLine("MUG-CLASSIC-350", 2)]);

    public static ShipmentDispatched Dispatched(string orderId) =>
        new(Guid.NewGuid(), Day1, orderId, $"shp-{orderId}", "ParcelCo", $"PA{orderId.GetHashCode(StringComparison.Ordinal) & 0xFFFF:D12}", "ada");

    public static OrderCancelled Cancelled(string orderId) => new(Guid.NewGuid(), Day1, orderId, "ada", "changed my mind", [new OrderLine("MUG-CLASSIC-350", 1)]);

    public static PaymentCompleted PaymentCompleted(string orderId) =>
        new(Guid.NewGuid(), Day1, orderId, "pay_" + orderId, new Money(25m, "USD"), "4242", "ada");

    public static PaymentFailed PaymentFailed(string orderId) =>
        new(Guid.NewGuid(), Day1, orderId, "pay_" + orderId, new Money(25m, "USD"), "card declined", "ada");

    public static InventoryInsufficient Insufficient(string orderId, params string[] skus) =>
        new(Guid.NewGuid(), Day1, orderId, skus.Select(s => new StockShortage(s, 5, 1)).ToList(), "ada");
}
