namespace CloudPatterns.ShippingService.Shipments;

public enum ShipmentStatus
{
    /// <summary>With the carrier and announced on shipments.dispatched; it is never recalled.</summary>
    Dispatched,

    /// <summary>The order was cancelled before it was dispatched: nothing will ship.</summary>
    Cancelled,
}
