namespace CloudPatterns.ShippingService.Shipments;

/// <summary>
/// Turns an order into its shipment: every item weighs the configured item weight, the parcel goes by
/// standard speed to the default zone (orders carry no address or product weights yet), priced from the rate table.
/// </summary>
public sealed class ShipmentPlanner(RateCalculator calculator, TimeProvider time)
{
    public Shipment Dispatched(string orderId, string? customerId, IEnumerable<OrderLine> lines, Guid dispatchEventId)
    {
        var now = time.GetUtcNow();
        return Plan(orderId, customerId, lines, now) with
        {
            Status = ShipmentStatus.Dispatched,
            DispatchEventId = dispatchEventId,
            DispatchedAt = now,
        };
    }

    public Shipment Cancelled(string orderId, string? customerId, IEnumerable<OrderLine> lines, string reason)
    {
        var now = time.GetUtcNow();
        return Plan(orderId, customerId, lines, now) with
        {
            Status = ShipmentStatus.Cancelled,
            CancelledAt = now,
            CancellationReason = reason,
        };
    }

    private Shipment Plan(string orderId, string? customerId, IEnumerable<OrderLine> lines, DateTimeOffset now)
    {
        var rates = calculator.Rates;
        var items = lines.Sum(l => l.Quantity);
        var weight = Math.Max(items, 1) * rates.ItemWeightKg;
        var quote = calculator.Quote(rates.DefaultZone, ShippingSpeed.Standard, weight);
        return new Shipment(
            ShipmentIds.ForOrder(orderId), orderId, customerId, ShipmentStatus.Dispatched, rates.Carrier,
            ShipmentIds.TrackingNumber(rates.Carrier, orderId), quote.Zone, quote.Speed, items, weight, quote.Price,
            now.AddDays(quote.EstimatedDays), DispatchEventId: null, CreatedAt: now);
    }
}
