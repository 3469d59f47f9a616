namespace CloudPatterns.OrderService.Intake;

/// <summary>What a cancellation request found: the order (null if there is none the caller may see) and whether it can still be cancelled.</summary>
public sealed record CancellationResult(OrderRecord? Order, bool Accepted, string? Refusal);

/// <summary>
/// Records a cancellation on the order, then wakes its workflow. The write model decides: if the order was
/// confirmed first, the cancellation is refused; if the request was recorded first, the workflow cannot
/// confirm and compensates instead. Customers cancel their own orders; admins end stuck ones the same way.
/// </summary>
public sealed class OrderCancellation(OrderStore orders, IDaprWorkflowClient workflows, TimeProvider time)
{
    public async Task<CancellationResult> RequestAsync(string orderId, string reason, Func<OrderRecord, bool> mayCancel, CancellationToken cancellationToken)
    {
        var result = await orders.UpdateAsync(orderId, order =>
        {
            if (order is null || !mayCancel(order))
            {
                return UpdateDecision<OrderRecord>.Refuse("not found");
            }

            if (order.Status == OrderStatus.Cancelled || order.CancelRequested)
            {
                return UpdateDecision<OrderRecord>.Keep();
            }

            return OrderLifecycle.IsFinal(order.Status)
                ? UpdateDecision<OrderRecord>.Refuse(order.Status == OrderStatus.Shipped
                    ? $"Order {orderId} has shipped and can no longer be cancelled."
                    : $"Order {orderId} is already {order.Status} and can no longer be cancelled.")
                : UpdateDecision<OrderRecord>.Write(order with { CancelRequested = true, CancelReason = reason, UpdatedAt = time.GetUtcNow() });
        }, cancellationToken);

        var order = result.ValueOrThrow();
        if (result.Outcome == UpdateOutcome.Refused)
        {
            return order is null || !mayCancel(order) ? new CancellationResult(null, false, result.Reason) : new CancellationResult(order, false, result.Reason);
        }

        if (order!.Status != OrderStatus.Cancelled)
        {
            await WakeWorkflowAsync(orderId, reason, cancellationToken);
        }

        return new CancellationResult(order, true, null);
    }

    private async Task WakeWorkflowAsync(string orderId, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await workflows.RaiseEventAsync(orderId, WorkflowEvents.Cancel, new CancellationRequest(reason), cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound or StatusCode.Unknown)
        {
            // Not started yet (or no longer running): its next run reads the request from the order and cancels.
        }
    }
}
