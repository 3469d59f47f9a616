namespace CloudPatterns.ShippingService.Shipments;

/// <summary>
/// An order has one shipment, so its id and tracking number are derived from the order id: a redelivered
/// orders.confirmed lands on the same record and can never produce a second parcel.
/// </summary>
public static class ShipmentIds
{
    public static string ForOrder(string orderId) => StableIds.Hex("shp_", orderId);

    /// <summary>Two letters of the carrier and twelve digits, e.g. PA048213377120.</summary>
    public static string TrackingNumber(string carrier, string orderId)
    {
        var number = BitConverter.ToUInt64(StableIds.Hash("tracking", orderId), 0) % 1_000_000_000_000UL;
        var prefix = new string([.. carrier.Where(char.IsAsciiLetter).Take(2)]).ToUpperInvariant().PadRight(2, 'X');
        return prefix + number.ToString("D12", CultureInfo.InvariantCulture);
    }
}
