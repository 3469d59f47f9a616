namespace CloudPatterns.OrderService.Orders;

/// <summary>An order in the write model (order-store): what was asked for, where it is, and why.</summary>
public sealed record OrderRecord(
    string OrderId,
    string CustomerId,
    string Currency,
    IReadOnlyList<OrderLine> Lines,
    PaymentMethod Payment,
    OrderStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string RequestFingerprint,
    string? IdempotencyKey = null,
    string? StatusReason = null,
    string? StatusDetail = null,
    IReadOnlyList<PricedOrderLine>? PricedLines = null,
    Money? Total = null,
    string? PaymentId = null,
    bool CancelRequested = false,
    string? CancelReason = null,
    DateTimeOffset? ShippedAt = null,
    string? TrackingNumber = null,
    IReadOnlyList<StockShortage>? Shortages = null);
