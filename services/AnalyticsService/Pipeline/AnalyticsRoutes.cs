namespace CloudPatterns.AnalyticsService.Pipeline;

/// <summary>
/// The routes the analytics-pipeline subscriptions (components/common/analytics-pipeline.yaml) deliver to:
/// one per event family, chosen by the CEL rules on each event's source and type, and a default route for
/// what the rules exclude.
/// </summary>
public static class AnalyticsRoutes
{
    public const string Orders = "/analytics/orders";

    public const string Payments = "/analytics/payments";

    public const string Inventory = "/analytics/inventory";

    public const string Shipments = "/analytics/shipments";

    public const string Unrouted = "/analytics/unrouted";
}
