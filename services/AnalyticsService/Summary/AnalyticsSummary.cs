namespace CloudPatterns.AnalyticsService.Summary;

/// <summary>
/// The running figures: orders per status (each order once, in the latest status its events tell of), revenue per currency and day (from confirmed orders, by the day
/// they were confirmed, UTC), payments and their failure rate, and how often each SKU was out of stock.
/// </summary>
public sealed record AnalyticsSummary(
    ImmutableSortedDictionary<string, int> OrdersByStatus,
    ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, decimal>> RevenueByCurrencyAndDay,
    int PaymentsCompleted,
    int PaymentsFailed,
    ImmutableSortedDictionary<string, int> OutOfStockBySku,
    int EventsRecorded,
    DateTimeOffset? LastEventAt)
{
    public static AnalyticsSummary Empty { get; } = new(
        ImmutableSortedDictionary<string, int>.Empty, ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, decimal>>.Empty,
        0, 0, ImmutableSortedDictionary<string, int>.Empty, 0, null);

    /// <summary>Failed payments over all payments; null before the first payment.</summary>
    public double? PaymentFailureRate =>
        PaymentsCompleted + PaymentsFailed == 0 ? null : Math.Round((double)PaymentsFailed / (PaymentsCompleted + PaymentsFailed), 4);
}
