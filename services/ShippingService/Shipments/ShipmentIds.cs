using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CloudPatterns.ShippingService.Shipments;

/// <summary>
/// An order has one shipment, so its id and tracking number are derived from the order id: a redelivered
/// orders.confirmed lands on the same record and can never produce a second parcel.
/// </summary>
public static class ShipmentIds
{
    public static string ForOrder(string orderId) => "shp_" + Convert.ToHexStringLower(Hash(orderId).AsSpan(0, 12));

    /// <summary>Two letters of the carrier and twelve digits, e.g. PA048213377120.</summary>
    public static string TrackingNumber(string carrier, string orderId)
    {
        var number = BitConverter.ToUInt64(Hash("tracking\n" + orderId), 0) % 1_000_000_000_000UL;
        var prefix = new string([.. carrier.Where(char.IsAsciiLetter).Take(2)]).ToUpperInvariant().PadRight(2, 'X');
        return prefix + number.ToString("D12", CultureInfo.InvariantCulture);
    }

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
