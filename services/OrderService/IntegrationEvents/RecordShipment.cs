using CloudPatterns.Contracts.Events;
using CloudPatterns.Contracts.Orders;
using CloudPatterns.OrderService.Orders;
using CloudPatterns.OrderService.Queries;
using CloudPatterns.ServiceDefaults.Events;

namespace CloudPatterns.OrderService.IntegrationEvents;

/// <summary>shipments.dispatched → the order is Shipped (write model: it can no longer be cancelled) and projected.</summary>
public sealed class RecordShipment(OrderStore orders, OrderProjector projector) : IIntegrationEventHandler<ShipmentDispatched>
{
    private const int MaxAttempts = 5;

    public async Task<EventOutcome> HandleAsync(ShipmentDispatched integrationEvent, CancellationToken cancellationToken)
    {
        var recorded = false;
        for (var attempt = 1; attempt <= MaxAttempts && !recorded; attempt++)
        {
            var (order, etag) = await orders.GetAsync(integrationEvent.OrderId, cancellationToken);
            if (order is null)
            {
                return EventOutcome.Drop($"order {integrationEvent.OrderId} does not exist in order-store");
            }

            if (order.Status == OrderStatus.Shipped)
            {
                recorded = true;
                continue;
            }

            if (!OrderTransitions.CanMove(order.Status, OrderStatus.Shipped))
            {
                return EventOutcome.Retry($"order {integrationEvent.OrderId} is {order.Status}, not yet Confirmed");
            }

            var shipped = order with
            {
                Status = OrderStatus.Shipped,
                ShippedAt = integrationEvent.OccurredAt,
                TrackingNumber = integrationEvent.TrackingNumber,
                UpdatedAt = integrationEvent.OccurredAt,
            };
            recorded = await orders.TryReplaceAsync(shipped, etag, cancellationToken);
        }

        if (!recorded)
        {
            return EventOutcome.Retry($"order {integrationEvent.OrderId} kept changing while recording its shipment");
        }

        await projector.ProjectAsync(integrationEvent, cancellationToken);
        return EventOutcome.Success;
    }
}
