using System.Collections.Immutable;
using System.Globalization;
using CloudPatterns.Contracts;
using CloudPatterns.Contracts.Events;

namespace CloudPatterns.AnalyticsService.Summary;

/// <summary>How each event changes the summary. Pure functions: the store applies one exactly once per event id.</summary>
public static class SummaryProjection
{
    public static AnalyticsSummary Apply(AnalyticsSummary summary, IIntegrationEvent integrationEvent)
    {
        var next = integrationEvent switch
        {
            OrderCreated => CountOrder(summary, "Created"),
            OrderConfirmed confirmed => CountOrder(summary, "Confirmed") with
            {
                RevenueByCurrencyAndDay = AddRevenue(summary.RevenueByCurrencyAndDay, confirmed.Total, confirmed.OccurredAt),
            },
            OrderRejected rejected => CountOrder(summary, rejected.Status.ToString()),
            OrderCancelled => CountOrder(summary, "Cancelled"),
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

    private static AnalyticsSummary CountOrder(AnalyticsSummary summary, string status) =>
        summary with { OrdersByStatus = summary.OrdersByStatus.SetItem(status, summary.OrdersByStatus.GetValueOrDefault(status) + 1) };

    private static ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, decimal>> AddRevenue(
        ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, decimal>> revenue, Money amount, DateTimeOffset at)
    {
        var day = at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var days = revenue.GetValueOrDefault(amount.Currency, ImmutableSortedDictionary<string, decimal>.Empty);
        return revenue.SetItem(amount.Currency, days.SetItem(day, days.GetValueOrDefault(day) + amount.Amount));
    }
}
