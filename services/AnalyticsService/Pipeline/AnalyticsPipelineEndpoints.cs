namespace CloudPatterns.AnalyticsService.Pipeline;

/// <summary>
/// The app side of the analytics pipeline. The subscriptions are declarative (components/common), not
/// returned by GET /dapr/subscribe, so the routing rules can change without a build.
/// </summary>
public static class AnalyticsPipelineEndpoints
{
    public static IEndpointRouteBuilder MapAnalyticsPipeline(this IEndpointRouteBuilder app)
    {
        var orders = new EventFamilyRoute()
            .Accept<OrderProgressed, AnalyticsRecorder>()
            .Accept<OrderCreated, AnalyticsRecorder>()
            .Accept<OrderConfirmed, AnalyticsRecorder>()
            .Accept<OrderRejected, AnalyticsRecorder>()
            .Accept<OrderCancelled, AnalyticsRecorder>();
        var payments = new EventFamilyRoute()
            .Accept<PaymentCompleted, AnalyticsRecorder>()
            .Accept<PaymentFailed, AnalyticsRecorder>();
        var inventory = new EventFamilyRoute()
            .Accept<InventoryInsufficient, AnalyticsRecorder>();

        app.MapPost(AnalyticsRoutes.Orders, orders.DeliverAsync).ExcludeFromDescription();
        app.MapPost(AnalyticsRoutes.Payments, payments.DeliverAsync).ExcludeFromDescription();
        app.MapPost(AnalyticsRoutes.Inventory, inventory.DeliverAsync).ExcludeFromDescription();
        // One event type, published through an outbox (whose envelope type is daprd's own): delivered by topic, not type.
        app.MapPost(AnalyticsRoutes.Shipments, (HttpContext context, AnalyticsRecorder recorder, EventDelivery delivery) =>
            delivery.DeliverAsync<ShipmentDispatched>(context, recorder, context.RequestAborted)).ExcludeFromDescription();
        app.MapPost(AnalyticsRoutes.Unrouted, (AnalyticsMetrics metrics) =>
        {
            // Acknowledged and counted, never recorded: the rules exclude it from the analytics.
            metrics.Excluded();
            return Results.Json(new { status = "SUCCESS" });
        }).ExcludeFromDescription();
        return app;
    }
}
