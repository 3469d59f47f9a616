using CloudPatterns.Contracts.Orders;

namespace CloudPatterns.OrderService.Intake;

/// <summary>The 202 answer: the order id and where to follow it.</summary>
public sealed record OrderAccepted(string OrderId, OrderStatus Status, string StatusUrl);
