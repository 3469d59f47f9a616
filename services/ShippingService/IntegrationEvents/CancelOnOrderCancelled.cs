namespace CloudPatterns.ShippingService.IntegrationEvents;

/// <summary>
/// orders.cancelled → the order's shipment is recorded as cancelled, so a confirmation arriving later (a
/// replay, or a reordered delivery) ships nothing. A shipment already dispatched is never recalled.
/// </summary>
public sealed partial class CancelOnOrderCancelled(ShipmentStore store, ShipmentPlanner planner, ILogger<CancelOnOrderCancelled> logger)
    : IIntegrationEventHandler<OrderCancelled>
{
    public async Task<EventOutcome> HandleAsync(OrderCancelled integrationEvent, CancellationToken cancellationToken)
    {
        var cancelled = planner.Cancelled(integrationEvent.OrderId, integrationEvent.CustomerId, integrationEvent.Lines, integrationEvent.Reason);
        if (!await store.TryRecordCancelledAsync(cancelled, cancellationToken)
            && await store.GetAsync(cancelled.ShipmentId, cancellationToken) is { Status: ShipmentStatus.Dispatched } dispatched)
        {
            LogTooLate(logger, integrationEvent.OrderId, dispatched.ShipmentId);
        }

        return EventOutcome.Success;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} was cancelled after shipment {ShipmentId} was dispatched; the shipment stands")]
    private static partial void LogTooLate(ILogger logger, string orderId, string shipmentId);
}
