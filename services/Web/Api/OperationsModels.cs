using CloudPatterns.Contracts.Orders;

namespace CloudPatterns.Web.Api;

/// <summary>GET /api/admin/dead-letters: a message no subscriber could take, why, and how often it was replayed.</summary>
public sealed record DeadLetter(
    string MessageId,
    string? Topic,
    string? Type,
    string? Payload,
    string? Reason,
    string? DroppedBy,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    int Attempts,
    int Replays,
    DateTimeOffset? LastReplayedAt)
{
    /// <summary>Only the dropping app's note has arrived; the message (and so a replay) is on its way.</summary>
    public bool HasMessage => Topic is not null;
}

/// <summary>GET /api/admin/orders/stuck.</summary>
public sealed record StuckOrder(string OrderId, string? CustomerId, OrderStatus Status, string? Refund, string? Step, DateTimeOffset Since, string Workflow, string? LastError);

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
