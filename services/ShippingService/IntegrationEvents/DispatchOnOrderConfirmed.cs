namespace CloudPatterns.ShippingService.IntegrationEvents;

/// <summary>
/// orders.confirmed → the order's shipment is stored as dispatched and shipments.dispatched is published,
/// in one transaction (the shipping-store outbox). A redelivery finds the shipment and changes nothing.
/// </summary>
public sealed partial class DispatchOnOrderConfirmed(ShipmentStore store, ShipmentPlanner planner, TimeProvider time, ILogger<DispatchOnOrderConfirmed> logger)
    : IIntegrationEventHandler<OrderConfirmed>
{
    public async Task<EventOutcome> HandleAsync(OrderConfirmed integrationEvent, CancellationToken cancellationToken)
    {
        var lines = integrationEvent.Lines.Select(l => new OrderLine(l.Sku, l.Quantity));
        var shipment = planner.Dispatched(integrationEvent.OrderId, integrationEvent.CustomerId, lines, Guid.NewGuid());
        var announcement = new ShipmentDispatched(
            shipment.DispatchEventId!.Value, time.GetUtcNow(), shipment.OrderId, shipment.ShipmentId, shipment.Carrier,
            shipment.TrackingNumber, shipment.CustomerId);

        if (await store.TryDispatchAsync(shipment, announcement, cancellationToken))
        {
            LogDispatched(logger, shipment.OrderId, shipment.ShipmentId, shipment.TrackingNumber);
        }
        else if (await store.GetAsync(shipment.ShipmentId, cancellationToken) is { Status: ShipmentStatus.Cancelled })
        {
            LogNotShipped(logger, shipment.OrderId);
        }

        return EventOutcome.Success;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} dispatched as shipment {ShipmentId}, tracking {TrackingNumber}")]
    private static partial void LogDispatched(ILogger logger, string orderId, string shipmentId, string trackingNumber);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} was confirmed after its cancellation reached shipping; nothing ships")]
    private static partial void LogNotShipped(ILogger logger, string orderId);
}
