using CloudPatterns.Contracts;
using CloudPatterns.Contracts.Orders;

namespace CloudPatterns.Web.Api;

/// <summary>POST /api/orders.</summary>
public sealed record SubmitOrder(string CustomerId, string Currency, IReadOnlyList<OrderLine> Lines, CardPayment Payment);

/// <summary>A card as the payment provider tokenised it: the site never sees a card number.</summary>
public sealed record CardPayment(string Token, string Type = "card");

/// <summary>202 from POST /api/orders and POST /api/orders/{id}/cancel.</summary>
public sealed record OrderAccepted(string OrderId, OrderStatus Status, string StatusUrl);

/// <summary>GET /api/orders/{id}: the read model, plus the workflow's current step while it runs.</summary>
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
    string? Refund = null,
    Money? Refunded = null);

/// <summary>GET /api/customers/{id}/orders.</summary>
public sealed record CustomerOrderPage(IReadOnlyList<CustomerOrder> Items, int Page, int PageSize, int TotalCount);

public sealed record CustomerOrder(string OrderId, OrderStatus Status, Money? Total, DateTimeOffset PlacedAt, DateTimeOffset UpdatedAt);

/// <summary>GET /api/orders/{id}/shipment.</summary>
public sealed record ShipmentView(string ShipmentId, string OrderId, string Status, string Carrier, string TrackingNumber);

/// <summary>GET and PUT /api/customers/{id}/notification-preferences.</summary>
public sealed record NotificationPreferences(string? Email, string? Phone, bool SmsOptIn, bool Saved = false);
