using CloudPatterns.Contracts;
using CloudPatterns.Contracts.Orders;

namespace CloudPatterns.OrderService.Queries;

/// <summary>
/// GET /orders/{id}: the order as the read model knows it, plus, while it is being processed, the step its
/// workflow is on. The read model lags the write model by the time an event takes to arrive.
/// </summary>
public sealed record OrderView(
    string OrderId,
    string? CustomerId,
    OrderStatus Status,
    string? StatusReason,
    string? Step,
    IReadOnlyList<OrderLine> Lines,
    Money? Total,
    string? PaymentId,
    string? Carrier,
    string? TrackingNumber,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset UpdatedAt,
    RefundStatus? Refund = null,
    Money? Refunded = null);
