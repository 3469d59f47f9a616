namespace CloudPatterns.OrderService.Orders;

/// <summary>
/// The workflow's way into the write model. Each update is checked against the allowed transitions and a
/// requested cancellation, written with the order's ETag (a concurrent cancel request makes it read again),
/// then announced. Applying an update a second time only republishes its event, with the same event id; so does
/// applying a step the order has already passed (a retried workflow catching up), so every answer it waits for
/// comes again.
/// </summary>
public sealed class OrderWriteModel(OrderStore orders, EventPublisher publisher) : IOrderWriteModel
{
    public async Task<OrderUpdateResult> ApplyAsync(OrderUpdate update, CancellationToken cancellationToken)
    {
        var announce = false;
        var result = await orders.UpdateAsync(update.OrderId, order =>
        {
            announce = false;
            if (order is null)
            {
                return UpdateDecision<OrderRecord>.Refuse($"order {update.OrderId} is not in order-store");
            }

            if (order.Status == update.Status || OrderLifecycle.HasPassed(order.Status, update.Status) && !order.CancelRequested)
            {
                announce = true;
                return UpdateDecision<OrderRecord>.Keep();
            }

            if (order.CancelRequested && OrderLifecycle.IsProgress(update.Status))
            {
                // Refused, but a payment taken on the way is recorded: the cancellation owes it back.
                return update.PaymentId is { } paymentId && order.PaymentId is null
                    ? UpdateDecision<OrderRecord>.Write(order with { PaymentId = paymentId, UpdatedAt = update.At })
                    : UpdateDecision<OrderRecord>.Refuse("cancel requested");
            }

            if (!OrderLifecycle.CanMove(order.Status, update.Status))
            {
                return UpdateDecision<OrderRecord>.Refuse($"order is {order.Status}");
            }

            announce = true;
            return UpdateDecision<OrderRecord>.Write(order with
            {
                Status = update.Status,
                StatusReason = update.Status == OrderStatus.Cancelled ? update.Reason ?? order.CancelReason : update.Reason,
                StatusDetail = update.Detail,
                PricedLines = update.PricedLines ?? order.PricedLines,
                Total = update.Total ?? order.Total,
                PaymentId = update.PaymentId ?? order.PaymentId,
                Shortages = update.Shortages ?? order.Shortages,
                UpdatedAt = update.At,
            });
        }, cancellationToken);

        var order = result.ValueOrThrow() ?? throw new InvalidOperationException(result.Reason);
        var pricing = order is { PricedLines: { } lines, Total: { } total } ? new OrderPricing(lines, total) : null;
        if (announce)
        {
            await OrderEvents.PublishAsync(publisher, order, update.Status, update.EventId, update.At, cancellationToken);
            return new OrderUpdateResult(true, order.Status, order.CancelRequested, pricing);
        }

        return new OrderUpdateResult(false, order.Status, order.CancelRequested, pricing);
    }
}
