using CloudPatterns.Contracts.Orders;
using CloudPatterns.ServiceDefaults.Events;
using CloudPatterns.Workflows.OrderProcessing.Ports;

namespace CloudPatterns.OrderService.Orders;

/// <summary>
/// The workflow's way into the write model. Each update is checked against the allowed transitions and a
/// requested cancellation, written with the order's ETag (a concurrent cancel request makes it read again),
/// then announced. Applying an update a second time only republishes its event, with the same event id.
/// </summary>
public sealed class OrderLedger(OrderStore orders, EventPublisher publisher) : IOrderLedger
{
    private const int MaxAttempts = 5;

    public async Task<OrderUpdateResult> ApplyAsync(OrderUpdate update, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (order, etag) = await orders.GetAsync(update.OrderId, cancellationToken);
            if (order is null)
            {
                throw new InvalidOperationException($"Order {update.OrderId} is not in order-store.");
            }

            if (order.Status == update.Status)
            {
                await OrderEvents.PublishAsync(publisher, order, update.EventId, update.At, cancellationToken);
                return new OrderUpdateResult(true, order.Status, order.CancelRequested);
            }

            if (order.CancelRequested && OrderTransitions.IsProgress(update.Status))
            {
                return new OrderUpdateResult(false, order.Status, true);
            }

            if (!OrderTransitions.CanMove(order.Status, update.Status))
            {
                return new OrderUpdateResult(false, order.Status, order.CancelRequested);
            }

            var moved = order with
            {
                Status = update.Status,
                StatusReason = update.Status == OrderStatus.Cancelled ? update.Reason ?? order.CancelReason : update.Reason,
                StatusDetail = update.Detail,
                PricedLines = update.PricedLines ?? order.PricedLines,
                Total = update.Total ?? order.Total,
                PaymentId = update.PaymentId ?? order.PaymentId,
                Shortages = update.Shortages ?? order.Shortages,
                UpdatedAt = update.At,
            };
            if (await orders.TryReplaceAsync(moved, etag, cancellationToken))
            {
                await OrderEvents.PublishAsync(publisher, moved, update.EventId, update.At, cancellationToken);
                return new OrderUpdateResult(true, moved.Status, moved.CancelRequested);
            }

            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException($"Order {update.OrderId} kept changing while moving it to {update.Status}.");
            }
        }
    }
}
