namespace CloudPatterns.Web.Api;

/// <summary>POST /api/orders.</summary>
public sealed record SubmitOrder(string CustomerId, string Currency, IReadOnlyList<OrderLine> Lines, CardPayment Payment);

/// <summary>A card as the payment provider tokenised it: the site never sees a card number.</summary>
public sealed record CardPayment(string Token, string Type = "card");

/// <summary>GET /api/orders/{id}/shipment.</summary>
public sealed record ShipmentView(string ShipmentId, string OrderId, string Status, string Carrier, string TrackingNumber);

/// <summary>GET and PUT /api/customers/{id}/notification-preferences.</summary>
public sealed record NotificationPreferences(string? Email, string? Phone, bool SmsOptIn, bool Saved = false);
