namespace CloudPatterns.Contracts.Orders;

// What order-service's public API answers. They live here so that its clients (the web site) read the same records.

/// <summary>POST /orders and POST /orders/{id}/cancel answer 202 with it: the order id and where to follow it.</summary>
public sealed record OrderAccepted(string OrderId, OrderStatus Status, string StatusUrl);

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

/// <summary>GET /customers/{id}/orders: one page of a customer's orders, newest first.</summary>
public sealed record CustomerOrderPage(IReadOnlyList<CustomerOrder> Items, int Page, int PageSize, int TotalCount);

/// <summary>One line of a customer's order list.</summary>
public sealed record CustomerOrder(string OrderId, OrderStatus Status, Money? Total, DateTimeOffset PlacedAt, DateTimeOffset UpdatedAt);

/// <summary>GET /admin/orders/stuck: an order that is not moving: where it is, since when, what its workflow says, and the last error.</summary>
public sealed record StuckOrder(
    string OrderId, string? CustomerId, OrderStatus Status, RefundStatus? Refund, string? Step, DateTimeOffset Since, string Workflow, string? LastError);
