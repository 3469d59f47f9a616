using CloudPatterns.Contracts;
using CloudPatterns.Contracts.Orders;

namespace CloudPatterns.OrderService.Queries;

/// <summary>One line of a customer's order list.</summary>
public sealed record CustomerOrder(string OrderId, OrderStatus Status, Money? Total, DateTimeOffset PlacedAt, DateTimeOffset UpdatedAt);
