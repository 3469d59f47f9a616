namespace CloudPatterns.OrderService.IntegrationEvents;

/// <summary>shipments.dispatched → the order is Shipped (write model: it can no longer be cancelled) and projected.</summary>
public sealed class RecordShipment(OrderStore orders, OrderSummaryUpdater summaries) : IIntegrationEventHandler<ShipmentDispatched>
{
    public async Task<EventOutcome> HandleAsync(ShipmentDispatched integrationEvent, CancellationToken cancellationToken)
    {
        var result = await orders.UpdateAsync(integrationEvent.OrderId, order => order switch
        {
            null => UpdateDecision<OrderRecord>.Refuse($"order {integrationEvent.OrderId} does not exist in order-store"),
            { Status: OrderStatus.Shipped } => UpdateDecision<OrderRecord>.Keep(),
            _ when !OrderLifecycle.CanMove(order.Status, OrderStatus.Shipped) =>
                UpdateDecision<OrderRecord>.Refuse($"order {integrationEvent.OrderId} is {order.Status}, not yet Confirmed"),
            _ => UpdateDecision<OrderRecord>.Write(order with
            {
                Status = OrderStatus.Shipped,
                ShippedAt = integrationEvent.OccurredAt,
                TrackingNumber = integrationEvent.TrackingNumber,
                UpdatedAt = integrationEvent.OccurredAt,
            }),
        }, cancellationToken);

        switch (result.Outcome)
        {
            case UpdateOutcome.Refused:
                return result.Value is null ? EventOutcome.Drop(result.Reason!) : EventOutcome.Retry(result.Reason!);
            case UpdateOutcome.Exhausted:
                return EventOutcome.Retry($"order {integrationEvent.OrderId} kept changing while recording its shipment");
        }

        await summaries.ApplyAsync(integrationEvent, cancellationToken);
        return EventOutcome.Success;
    }
}
