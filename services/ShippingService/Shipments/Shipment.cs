namespace CloudPatterns.ShippingService.Shipments;

/// <summary>
/// The one shipment of an order: dispatched when the order is confirmed, or recorded as cancelled when the
/// cancellation came first. <see cref="DispatchEventId"/> is the shipments.dispatched event that announced it.
/// </summary>
public sealed record Shipment(
    string ShipmentId,
    string OrderId,
    string? CustomerId,
    ShipmentStatus Status,
    string Carrier,
    string TrackingNumber,
    string Zone,
    ShippingSpeed Speed,
    int Items,
    decimal WeightKg,
    Money Cost,
    DateTimeOffset EstimatedDelivery,
    Guid? DispatchEventId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DispatchedAt = null,
    DateTimeOffset? CancelledAt = null,
    string? CancellationReason = null);

public enum ShipmentStatus
{
    /// <summary>With the carrier and announced on shipments.dispatched; it is never recalled.</summary>
    Dispatched,

    /// <summary>The order was cancelled before it was dispatched: nothing will ship.</summary>
    Cancelled,
}
