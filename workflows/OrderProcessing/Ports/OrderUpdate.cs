using CloudPatterns.Contracts;
using CloudPatterns.Contracts.Orders;

namespace CloudPatterns.Workflows.OrderProcessing.Ports;

/// <summary>
/// Move an order to <paramref name="Status"/>. The event id and time come from the workflow
/// (context.NewGuid, CurrentUtcDateTime), so a repeated activity republishes the same event.
/// </summary>
public sealed record OrderUpdate(
    string OrderId,
    OrderStatus Status,
    Guid EventId,
    DateTimeOffset At,
    string? Reason = null,
    IReadOnlyList<PricedOrderLine>? PricedLines = null,
    Money? Total = null,
    string? PaymentId = null,
    string? Detail = null,
    IReadOnlyList<StockShortage>? Shortages = null);
