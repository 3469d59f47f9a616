namespace CloudPatterns.AnalyticsService.Summary;

/// <summary>
/// How each event changes the summary. Pure functions: the store applies one exactly once per event id, with the
/// status the order had (as far as analytics knows) before it, so orders per status counts each order once, in
/// the latest status its events tell of, whatever order they arrive in.
/// </summary>
public static class SummaryProjection
{
    /// <summary>The status an order event says the order is in; null for the other events.</summary>
    public static OrderStatus? StatusOf(IIntegrationEvent integrationEvent) => integrationEvent switch
    {
        OrderProgressed progressed => progressed.Status,
        OrderCreated => OrderStatus.ReservingInventory,
        OrderConfirmed => OrderStatus.Confirmed,
        OrderRejected rejected => rejected.Status,
        OrderCancelled => OrderStatus.Cancelled,
        ShipmentDispatched => OrderStatus.Shipped,
        _ => null,
    };

    public static AnalyticsSummary Apply(AnalyticsSummary summary, IIntegrationEvent integrationEvent, OrderStatus? before = null)
    {
        var next = integrationEvent switch
        {
            OrderConfirmed confirmed => MoveOrder(summary, before, OrderStatus.Confirmed) with
            {
                RevenueByCurrencyAndDay = AddRevenue(summary.RevenueByCurrencyAndDay, confirmed.Total, confirmed.OccurredAt),
            },
            _ when StatusOf(integrationEvent) is { } status => MoveOrder(summary, before, status),
            PaymentCompleted => summary with { PaymentsCompleted = summary.PaymentsCompleted + 1 },
            PaymentFailed => summary with { PaymentsFailed = summary.PaymentsFailed + 1 },
            InventoryInsufficient insufficient => summary with
            {
                OutOfStockBySku = insufficient.Shortages.Select(s => s.Sku).Distinct(StringComparer.Ordinal)
                    .Aggregate(summary.OutOfStockBySku, (counts, sku) => counts.SetItem(sku, counts.GetValueOrDefault(sku) + 1)),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(integrationEvent), integrationEvent.GetType().Name, "not an analytics event"),
        };

        return next with
        {
            EventsRecorded = summary.EventsRecorded + 1,
            LastEventAt = summary.LastEventAt > integrationEvent.OccurredAt ? summary.LastEventAt : integrationEvent.OccurredAt,
        };
    }

    /// <summary>The order leaves the status it was counted in (if any) for the later of that and <paramref name="status"/>.</summary>
    private static AnalyticsSummary MoveOrder(AnalyticsSummary summary, OrderStatus? before, OrderStatus status)
    {
        var after = before is { } known ? OrderLifecycle.Later(known, status) : status;
        if (after == before)
        {
            return summary;
        }

        var counts = summary.OrdersByStatus;
        if (before is { } left)
        {
            var remaining = counts.GetValueOrDefault(left.ToString()) - 1;
            counts = remaining > 0 ? counts.SetItem(left.ToString(), remaining) : counts.Remove(left.ToString());
        }

        return summary with { OrdersByStatus = counts.SetItem(after.ToString(), counts.GetValueOrDefault(after.ToString()) + 1) };
    }

    private static ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, decimal>> AddRevenue(
        ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, decimal>> revenue, Money amount, DateTimeOffset at)
    {
        var day = at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var days = revenue.GetValueOrDefault(amount.Currency, ImmutableSortedDictionary<string, decimal>.Empty);
        return revenue.SetItem(amount.Currency, days.SetItem(day, days.GetValueOrDefault(day) + amount.Amount));
    }
}
