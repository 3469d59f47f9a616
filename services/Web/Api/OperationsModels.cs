namespace CloudPatterns.Web.Api;

/// <summary>GET /api/provider/status: the payment provider's circuit as payment-service sees it (Closed, Open, HalfOpen, Isolated).</summary>
public sealed record ProviderStatus(string Circuit);

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
