using CloudPatterns.Contracts;
using CloudPatterns.Contracts.Orders;
using CloudPatterns.Workflows.OrderProcessing.Activities;
using CloudPatterns.Workflows.OrderProcessing.Ports;
using Dapr.Workflow;
using Microsoft.Extensions.Logging;

namespace CloudPatterns.Workflows.OrderProcessing;

/// <summary>
/// The guide's order state machine (ValidateOrder → CheckInventory → ProcessPayment → UpdateOrder →
/// NotifyCustomer, or NotifyOutOfStock) as a durable saga. Inventory is reserved by events (publish
/// orders.created, wait for product-service's answer with a timeout); payment is a retried call; a failure
/// after stock is held is compensated by releasing it; a customer's cancellation is honoured until the
/// order is confirmed. Every order ends in exactly one of Confirmed, Rejected, PaymentFailed or Cancelled,
/// and the event of that status says which and why (notification-service tells the customer from it).
/// Deterministic: time and ids come from the context, all I/O is in activities.
/// </summary>
public sealed partial class OrderProcessingWorkflow : Workflow<OrderWorkflowInput, OrderWorkflowResult>
{
    public override async Task<OrderWorkflowResult> RunAsync(WorkflowContext context, OrderWorkflowInput order)
    {
        var log = context.CreateReplaySafeLogger<OrderProcessingWorkflow>();
        var cancellation = context.WaitForExternalEventAsync<CancellationRequest>(WorkflowEvents.Cancel);

        context.SetCustomStatus(new OrderProgress(WorkflowSteps.ValidateOrder));
        if (!await MoveAsync(context, new(order.OrderId, OrderStatus.Validating, context.NewGuid(), Now(context))))
        {
            return await CancelAsync(context, order, stockMayBeHeld: false, payment: null);
        }

        var validation = await context.CallActivityAsync<OrderValidation>(nameof(ValidateOrderActivity), order, OrderWorkflowPolicies.ServiceCall);
        if (!validation.IsValid)
        {
            LogRejected(log, order.OrderId, validation.Reason);
            return await EndAsync(context, order, OrderStatus.Rejected, RejectionReasons.Invalid, validation.Reason, stockMayBeHeld: false);
        }

        context.SetCustomStatus(new OrderProgress(WorkflowSteps.CheckInventory));
        var reserving = new OrderUpdate(order.OrderId, OrderStatus.ReservingInventory, context.NewGuid(), Now(context),
            PricedLines: validation.Lines, Total: validation.Total);
        if (!await MoveAsync(context, reserving))
        {
            return await CancelAsync(context, order, stockMayBeHeld: false, payment: null);
        }

        var inventory = context.WaitForExternalEventAsync<InventoryOutcome>(WorkflowEvents.Inventory, order.InventoryTimeout);
        if (await Task.WhenAny(inventory, cancellation) == cancellation)
        {
            return await CancelAsync(context, order, stockMayBeHeld: true, payment: null);
        }

        InventoryOutcome stock;
        try
        {
            stock = await inventory;
        }
        catch (TaskCanceledException)
        {
            return await EndAsync(context, order, OrderStatus.Rejected, RejectionReasons.InventoryTimeout,
                $"no answer about stock within {order.InventoryTimeout}", stockMayBeHeld: true);
        }

        if (!stock.Reserved)
        {
            context.SetCustomStatus(new OrderProgress(WorkflowSteps.NotifyOutOfStock));
            var shortages = string.Join(", ", stock.Shortages.Select(s => $"{s.Sku} ({s.Available} of {s.Requested} available)"));
            return await EndAsync(context, order, OrderStatus.Rejected, RejectionReasons.OutOfStock, shortages, stockMayBeHeld: false, stock.Shortages);
        }

        context.SetCustomStatus(new OrderProgress(WorkflowSteps.ProcessPayment));
        if (!await MoveAsync(context, new(order.OrderId, OrderStatus.ProcessingPayment, context.NewGuid(), Now(context))))
        {
            return await CancelAsync(context, order, stockMayBeHeld: true, payment: null);
        }

        var payment = await PayAsync(context, new PaymentCommand(order.OrderId, validation.Total!, order.Payment, order.CustomerId));
        if (!payment.Captured)
        {
            LogPaymentFailed(log, order.OrderId, payment.Reason);
            return await EndAsync(context, order, OrderStatus.PaymentFailed, RejectionReasons.PaymentFailed, payment.Reason, stockMayBeHeld: true);
        }

        context.SetCustomStatus(new OrderProgress(WorkflowSteps.UpdateOrder));
        if (!await MoveAsync(context, new(order.OrderId, OrderStatus.Confirmed, context.NewGuid(), Now(context), PaymentId: payment.PaymentId)))
        {
            return await CancelAsync(context, order, stockMayBeHeld: true, payment);
        }

        // orders.confirmed, published with the update, is what notification-service tells the customer about.
        context.SetCustomStatus(new OrderProgress(WorkflowSteps.NotifyCustomer));
        return new OrderWorkflowResult(order.OrderId, OrderStatus.Confirmed, null);
    }

    private static async Task<PaymentOutcome> PayAsync(WorkflowContext context, PaymentCommand command)
    {
        try
        {
            return await context.CallActivityAsync<PaymentOutcome>(nameof(ProcessPaymentActivity), command, OrderWorkflowPolicies.Payment);
        }
        catch (WorkflowTaskFailedException ex)
        {
            return new PaymentOutcome(false, null, $"payment unavailable: {ex.FailureDetails.ErrorMessage}");
        }
    }

    /// <summary>Moves the order forward; false when the customer asked to cancel first.</summary>
    private static async Task<bool> MoveAsync(WorkflowContext context, OrderUpdate update)
    {
        var result = await context.CallActivityAsync<OrderUpdateResult>(nameof(UpdateOrderActivity), update, OrderWorkflowPolicies.Bookkeeping);
        if (result.Applied)
        {
            return true;
        }

        return result.CancelRequested
            ? false
            : throw new InvalidOperationException($"Order {update.OrderId} is {result.Current} and cannot become {update.Status}.");
    }

    /// <summary>Ends the order without confirming it: give back any stock first, then record why.</summary>
    private static async Task<OrderWorkflowResult> EndAsync(
        WorkflowContext context, OrderWorkflowInput order, OrderStatus status, string reason, string? detail, bool stockMayBeHeld,
        IReadOnlyList<StockShortage>? shortages = null)
    {
        if (stockMayBeHeld)
        {
            context.SetCustomStatus(new OrderProgress(WorkflowSteps.Compensating));
            await ReleaseStockAsync(context, order.OrderId);
        }

        var why = detail is null ? reason : $"{reason}: {detail}";
        await context.CallActivityAsync<OrderUpdateResult>(nameof(UpdateOrderActivity),
            new OrderUpdate(order.OrderId, status, context.NewGuid(), Now(context), reason, Detail: detail, Shortages: shortages), OrderWorkflowPolicies.Bookkeeping);
        return new OrderWorkflowResult(order.OrderId, status, why);
    }

    /// <summary>The customer cancelled: undo what was done (refund, release), then record it.</summary>
    private static async Task<OrderWorkflowResult> CancelAsync(WorkflowContext context, OrderWorkflowInput order, bool stockMayBeHeld, PaymentOutcome? payment)
    {
        context.SetCustomStatus(new OrderProgress(WorkflowSteps.Compensating));
        if (payment is { Captured: true, PaymentId: { } paymentId })
        {
            await context.CallActivityAsync<bool>(nameof(RefundPaymentActivity),
                new RefundCommand(order.OrderId, paymentId, "order cancelled by the customer"), OrderWorkflowPolicies.Payment);
        }

        if (stockMayBeHeld)
        {
            await ReleaseStockAsync(context, order.OrderId);
        }

        await context.CallActivityAsync<OrderUpdateResult>(nameof(UpdateOrderActivity),
            new OrderUpdate(order.OrderId, OrderStatus.Cancelled, context.NewGuid(), Now(context)), OrderWorkflowPolicies.Bookkeeping);
        return new OrderWorkflowResult(order.OrderId, OrderStatus.Cancelled, "cancelled by the customer");
    }

    /// <summary>
    /// Best effort: if product-service stays unreachable, the order still ends, because the status event
    /// makes product-service release too and every hold expires by itself.
    /// </summary>
    private static async Task ReleaseStockAsync(WorkflowContext context, string orderId)
    {
        try
        {
            await context.CallActivityAsync<bool>(nameof(ReleaseInventoryActivity), orderId, OrderWorkflowPolicies.ServiceCall);
        }
        catch (WorkflowTaskFailedException ex)
        {
            LogReleaseFailed(context.CreateReplaySafeLogger<OrderProcessingWorkflow>(), orderId, ex.FailureDetails.ErrorMessage);
        }
    }

    private static DateTimeOffset Now(WorkflowContext context) => new(context.CurrentUtcDateTime, TimeSpan.Zero);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string orderId, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment for order {OrderId} failed: {Reason}")]
    private static partial void LogPaymentFailed(ILogger logger, string orderId, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the stock of order {OrderId}: {Reason}; its holds will expire")]
    private static partial void LogReleaseFailed(ILogger logger, string orderId, string reason);
}
