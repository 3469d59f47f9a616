namespace CloudPatterns.Web.Api;

/// <summary>GET /api/analytics/summary: the analytics pipeline's running figures.</summary>
public sealed record AnalyticsSummary(
    IReadOnlyDictionary<string, int> OrdersByStatus,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> RevenueByCurrencyAndDay,
    int PaymentsCompleted,
    int PaymentsFailed,
    IReadOnlyDictionary<string, int> OutOfStockBySku,
    int EventsRecorded,
    DateTimeOffset? LastEventAt,
    double? PaymentFailureRate);
