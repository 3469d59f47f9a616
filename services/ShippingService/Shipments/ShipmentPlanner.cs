namespace CloudPatterns.ShippingService.Shipments;

/// <summary>
/// Turns an order into its shipment: every item weighs the configured item weight, the parcel goes by
/// standard speed to the default zone (orders carry no address or product weights yet), priced from the rate table.
/// </summary>
public sealed class ShipmentPlanner(RateCalculator calculator, TimeProvider time)
{
    public Shipment Dispatched(string orderId, string? customerId, IEnumerable<OrderLine> lines, Guid dispatchEventId)
    {
        var shipment = Plan(orderId, customerId, lines, ShipmentStatus.Dispatched);
        return shipment with { DispatchEventId = dispatchEventId, DispatchedAt = shipment.CreatedAt };
    }

    public Shipment Cancelled(string orderId, string? customerId, IEnumerable<OrderLine> lines, string reason)
    {
        var shipment = Plan(orderId, customerId, lines, ShipmentStatus.Cancelled);
        return shipment with { CancelledAt = shipment.CreatedAt, CancellationReason = reason };
    }

    private Shipment Plan(string orderId, string? customerId, IEnumerable<OrderLine> lines, ShipmentStatus status)
    {
        var now = time.GetUtcNow();
        var rates = calculator.Rates;
        var items = lines.Sum(l => l.Quantity);
        var weight = Math.Max(items, 1) * rates.ItemWeightKg;
        var quote = calculator.Quote(rates.DefaultZone, ShippingSpeed.Standard, weight);
        return new Shipment(
            ShipmentIds.ForOrder(orderId), orderId, customerId, status, rates.Carrier,
            ShipmentIds.TrackingNumber(rates.Carrier, orderId), quote.Zone, quote.Speed, items, weight, quote.Price,
            now.AddDays(quote.EstimatedDays), DispatchEventId: null, CreatedAt: now);
    }
}
