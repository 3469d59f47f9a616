namespace CloudPatterns.AnalyticsService.Pipeline;

/// <summary>
/// The summary's figures as OpenTelemetry metrics (the guide's CloudWatch put_metric_data), recorded once
/// per event, when the store first records it. Exported with every CloudPatterns.* meter (Hosting's telemetry).
/// </summary>
public sealed class AnalyticsMetrics
{
    public const string MeterName = "CloudPatterns.Analytics";

    private readonly Counter<long> _orders;
    private readonly Counter<double> _revenue;
    private readonly Histogram<double> _orderValue;
    private readonly Counter<long> _payments;
    private readonly Counter<long> _outOfStock;
    private readonly Counter<long> _excluded;

    public AnalyticsMetrics(IMeterFactory meters)
    {
        // The factory owns the meter (one per name, shared) and disposes it with the container.
        var meter = meters.Create(MeterName);
        _orders = meter.CreateCounter<long>("cloudpatterns.analytics.orders", "{order}", "Orders entering each status (a count of transitions; the summary holds the current orders per status)");
        _revenue = meter.CreateCounter<double>("cloudpatterns.analytics.revenue", "{currency}", "Revenue of confirmed orders, per currency");
        _orderValue = meter.CreateHistogram<double>("cloudpatterns.analytics.order.value", "{currency}", "Value of each confirmed order");
        _payments = meter.CreateCounter<long>("cloudpatterns.analytics.payments", "{payment}", "Payments by outcome");
        _outOfStock = meter.CreateCounter<long>("cloudpatterns.analytics.out_of_stock", "{shortage}", "Times a SKU was short for an order");
        _excluded = meter.CreateCounter<long>("cloudpatterns.analytics.excluded", "{event}", "Events the pipeline's rules sent to the default route");
    }

    public void Recorded(IIntegrationEvent integrationEvent)
    {
        if (SummaryProjection.StatusOf(integrationEvent) is { } status)
        {
            _orders.Add(1, Status(status.ToString()));
        }

        switch (integrationEvent)
        {
            case OrderConfirmed confirmed:
                _revenue.Add((double)confirmed.Total.Amount, Currency(confirmed.Total));
                _orderValue.Record((double)confirmed.Total.Amount, Currency(confirmed.Total));
                break;
            case PaymentCompleted:
                _payments.Add(1, new KeyValuePair<string, object?>("outcome", "completed"));
                break;
            case PaymentFailed:
                _payments.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
                break;
            case InventoryInsufficient insufficient:
                foreach (var sku in insufficient.Shortages.Select(s => s.Sku).Distinct(StringComparer.Ordinal))
                {
                    _outOfStock.Add(1, new KeyValuePair<string, object?>("sku", sku));
                }

                break;
        }
    }

    /// <summary>Untagged on purpose: the type and source of an excluded event are not ours to trust, and tags must stay few.</summary>
    public void Excluded() => _excluded.Add(1);

    private static KeyValuePair<string, object?> Status(string status) => new("status", status);

    private static KeyValuePair<string, object?> Currency(Money money) => new("currency", money.Currency);
}
