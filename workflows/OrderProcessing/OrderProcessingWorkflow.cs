namespace CloudPatterns.Workflows.OrderProcessing;

/// <summary>
/// The guide's order state machine (ValidateOrder → CheckInventory → ProcessPayment → UpdateOrder →
/// NotifyCustomer, or NotifyOutOfStock) as a durable saga. Inventory is reserved by events (publish
/// orders.created, wait for product-service's answer with a timeout); payment is a retried call; a customer's
/// cancellation is honoured until the order is confirmed. Every order ends in exactly one of Confirmed, Rejected,
/// PaymentFailed or Cancelled, recorded as soon as it is decided; compensation (stock back, payment back) runs
/// after that and never fails the saga: what cannot be undone now is retried with durable timers until it is.
/// Deterministic: time and ids come from the context, all I/O is in activities. Running it again for an order
/// that already moved on (an admin's retry) catches up step by step, because every step is idempotent; for an
/// order already settled it changes nothing but owed compensation.
/// </summary>
public sealed partial class OrderProcessingWorkflow : Workflow<OrderWorkflowInput, OrderWorkflowResult>
{
    /// <summary>
    /// Changes to what a run does that a run already in flight must not see when it replays: each is taken only by runs
    /// that took it the first time (<c>context.IsPatched</c>; daprd stalls a run whose patches do not follow its history,
    /// dapr/dapr v1.18.3 pkg/actors/targets/workflow/orchestrator/versioning.go).
    /// </summary>
    public static class Patches
    {
        public const string KeepRecordedPrices = "keep-recorded-prices";
        public const string FailARefusedEnd = "fail-a-refused-end";
    }

    /// <summary>The words of a PaymentFailed order whose charge no attempt got an answer to (<see cref="RejectionReasons.PaymentUnanswered"/>).</summary>
    public const string PaymentUnanswered = "the payment service did not answer; anything the charge took is given back";

    public override async Task<OrderWorkflowResult> RunAsync(WorkflowContext context, OrderWorkflowInput order)
    {
        var log = context.CreateReplaySafeLogger<OrderProcessingWorkflow>();
        var cancellation = context.WaitForExternalEventAsync<CancellationRequest>(WorkflowEvents.Cancel);

        Report(context, WorkflowSteps.ValidateOrder);
        var validating = new OrderUpdate(order.OrderId, OrderStatus.Validating, context.NewGuid(), Now(context));
        var start = await context.CallActivityAsync<OrderUpdateResult>(nameof(UpdateOrderActivity), validating, OrderWorkflowPolicies.Bookkeeping);
        if (OrderLifecycle.IsFinal(start.Current))
        {
            return await SettledEarlierAsync(context, order, start.Current);
        }

        if (!Moved(start, validating))
        {
            return await CancelAsync(context, order);
        }

        // An order an earlier run priced (an admin's retry catching up) keeps its prices: it may have been paid at them,
        // and a product deactivated or repriced since must not turn a paid order into a rejected one. Behind a patch, so
        // a run already in flight when this came replays as it ran (see Patches).
        var validation = start.Pricing is { } priced && context.IsPatched(Patches.KeepRecordedPrices)
            ? new OrderValidation(true, null, priced.Lines, priced.Total)
            : await context.CallActivityAsync<OrderValidation>(nameof(ValidateOrderActivity), order, OrderWorkflowPolicies.ServiceCall);
        if (!validation.IsValid)
        {
            LogRejected(log, order.OrderId, validation.Reason);
            return await EndAsync(context, order, OrderStatus.Rejected, RejectionReasons.Invalid, validation.Reason);
        }

        Report(context, WorkflowSteps.CheckInventory);
        var reserving = new OrderUpdate(order.OrderId, OrderStatus.ReservingInventory, context.NewGuid(), Now(context),
            PricedLines: validation.Lines, Total: validation.Total);
        if (!await MoveAsync(context, reserving))
        {
            return await CancelAsync(context, order);
        }

        var inventory = context.WaitForExternalEventAsync<InventoryOutcome>(WorkflowEvents.Inventory, order.InventoryTimeout);
        if (await Task.WhenAny(inventory, cancellation) == cancellation)
        {
            return await CancelAsync(context, order);
        }

        InventoryOutcome stock;
        try
        {
            stock = await inventory;
        }
        catch (TaskCanceledException)
        {
            return await EndAsync(context, order, OrderStatus.Rejected, RejectionReasons.InventoryTimeout,
                $"no answer about stock within {order.InventoryTimeout}", Compensation.ReleaseStock);
        }

        if (!stock.Reserved)
        {
            Report(context, WorkflowSteps.NotifyOutOfStock);
            var shortages = string.Join(", ", stock.Shortages.Select(s => $"{s.Sku} ({s.Available} of {s.Requested} available)"));
            return await EndAsync(context, order, OrderStatus.Rejected, RejectionReasons.OutOfStock, shortages, shortages: stock.Shortages);
        }

        Report(context, WorkflowSteps.ProcessPayment);
        if (!await MoveAsync(context, new(order.OrderId, OrderStatus.ProcessingPayment, context.NewGuid(), Now(context))))
        {
            return await CancelAsync(context, order);
        }

        var payment = await PayAsync(context, new PaymentCommand(order.OrderId, validation.Total!, order.Payment, order.CustomerId));
        if (!payment.Captured)
        {
            LogPaymentFailed(log, order.OrderId, payment.Reason);
            // Not declined but unanswered: the charge may still have gone through, so whatever was taken goes back.
            var undo = payment.PaymentId is null ? Compensation.ReleaseStock | Compensation.Refund : Compensation.ReleaseStock;
            return await EndAsync(context, order, OrderStatus.PaymentFailed, payment.RejectionReason, payment.Reason, undo, chargedTotal: validation.Total);
        }

        Report(context, WorkflowSteps.UpdateOrder);
        if (!await MoveAsync(context, new(order.OrderId, OrderStatus.Confirmed, context.NewGuid(), Now(context), PaymentId: payment.PaymentId)))
        {
            return await CancelAsync(context, order);
        }

        // orders.confirmed, published with the update, is what notification-service tells the customer about.
        Report(context, WorkflowSteps.NotifyCustomer);
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
            // The customer reads the reason (the order page, the mail); the error, with its service names and trace id, is for the log.
            LogPaymentUnanswered(context.CreateReplaySafeLogger<OrderProcessingWorkflow>(), command.OrderId, ex.FailureDetails.ErrorMessage);
            return new PaymentOutcome(false, null, PaymentUnanswered, RejectionReasons.PaymentUnanswered);
        }
    }

    /// <summary>
    /// Moves the order forward; false when the customer asked to cancel first. A payment passed along is
    /// recorded on the order even then, so the cancellation knows a refund is owed.
    /// </summary>
    private static async Task<bool> MoveAsync(WorkflowContext context, OrderUpdate update) =>
        Moved(await context.CallActivityAsync<OrderUpdateResult>(nameof(UpdateOrderActivity), update, OrderWorkflowPolicies.Bookkeeping), update);

    private static bool Moved(OrderUpdateResult result, OrderUpdate update) => result switch
    {
        { Applied: true } => true,
        { CancelRequested: true } => false,
        _ => throw new InvalidOperationException($"Order {update.OrderId} is {result.Current} and cannot become {update.Status}."),
    };

    /// <summary>
    /// An earlier run already decided this order, and this run was started after that one completed: a redelivered
    /// orders.submitted whose check raced the earlier run (daprd reuses the id of a completed instance,
    /// https://github.com/dapr/dapr/blob/v1.18.3/pkg/actors/targets/workflow/orchestrator/create.go#L92-L133), or an
    /// admin's retry. The decision stands. An order that did not go through gets its compensation once more, which
    /// gives back nothing when the earlier run already did, and finishes the job when that run was stopped midway.
    /// </summary>
    private static async Task<OrderWorkflowResult> SettledEarlierAsync(WorkflowContext context, OrderWorkflowInput order, OrderStatus status)
    {
        if (status is not (OrderStatus.Confirmed or OrderStatus.Shipped))
        {
            await CompensateAsync(context, order.OrderId, Compensation.ReleaseStock | Compensation.Refund, status.ToString().ToLowerInvariant());
        }

        return new OrderWorkflowResult(order.OrderId, status, "settled by an earlier run");
    }

    /// <summary>Ends the order without confirming it: record why first, then undo what may have been done.</summary>
    private static async Task<OrderWorkflowResult> EndAsync(
        WorkflowContext context, OrderWorkflowInput order, OrderStatus status, string reason, string? detail,
        Compensation undo = Compensation.None, IReadOnlyList<StockShortage>? shortages = null, Money? chargedTotal = null)
    {
        var ended = await context.CallActivityAsync<OrderUpdateResult>(nameof(UpdateOrderActivity),
            new OrderUpdate(order.OrderId, status, context.NewGuid(), Now(context), reason, Detail: detail, Shortages: shortages),
            OrderWorkflowPolicies.Bookkeeping);
        if (!ended.Applied && !OrderLifecycle.IsFinal(ended.Current) && context.IsPatched(Patches.FailARefusedEnd))
        {
            // Ending it here would leave the order where it is for good, with whatever it holds: fail, for an admin to see.
            throw new InvalidOperationException($"Order {order.OrderId} is {ended.Current} and cannot become {status} ({reason}).");
        }

        await CompensateAsync(context, order.OrderId, undo, reason, chargedTotal);
        return new OrderWorkflowResult(order.OrderId, status, detail is null ? reason : $"{reason}: {detail}");
    }

    /// <summary>
    /// The order is cancelled (by the customer, or by an admin ending it): record it, then give back the stock
    /// and any payment taken. Both are idempotent and safe when there is nothing to give back, so a cancellation
    /// in any step, in a first run or a retried one, undoes everything that may have happened.
    /// </summary>
    private static async Task<OrderWorkflowResult> CancelAsync(WorkflowContext context, OrderWorkflowInput order)
    {
        await context.CallActivityAsync<OrderUpdateResult>(nameof(UpdateOrderActivity),
            new OrderUpdate(order.OrderId, OrderStatus.Cancelled, context.NewGuid(), Now(context)), OrderWorkflowPolicies.Bookkeeping);
        await CompensateAsync(context, order.OrderId, Compensation.ReleaseStock | Compensation.Refund, "cancelled");
        return new OrderWorkflowResult(order.OrderId, OrderStatus.Cancelled, "cancelled");
    }

    /// <summary>
    /// Runs each compensation until it succeeds. An attempt that fails (after the activity's own retries) waits on
    /// a durable timer - 1 minute, doubling to an hour - and tries again, for as long as it takes; the custom status
    /// says what is owed and the last error meanwhile, which is what the stuck-orders view shows.
    /// </summary>
    private static async Task CompensateAsync(WorkflowContext context, string orderId, Compensation undo, string reason, Money? chargedTotal = null)
    {
        foreach (var (step, activity, input) in new (Compensation Step, string Activity, object Input)[]
        {
            (Compensation.ReleaseStock, nameof(ReleaseInventoryActivity), orderId),
            (Compensation.Refund, nameof(RefundPaymentActivity), new RefundCommand(orderId, $"order {reason}", chargedTotal)),
        })
        {
            if (!undo.HasFlag(step))
            {
                continue;
            }

            for (var round = 0; ; round++)
            {
                Report(context, WorkflowSteps.Compensating);
                try
                {
                    await context.CallActivityAsync<bool>(activity, input, OrderWorkflowPolicies.ServiceCall);
                    break;
                }
                catch (WorkflowTaskFailedException ex)
                {
                    var wait = OrderWorkflowPolicies.CompensationDelay(round);
                    var problem = $"{step} failed: {ex.FailureDetails.ErrorMessage}; trying again in {wait}";
                    Report(context, WorkflowSteps.Compensating, problem);
                    LogCompensationDelayed(context.CreateReplaySafeLogger<OrderProcessingWorkflow>(), orderId, problem);
                    await context.CreateTimer(wait);
                }
            }
        }
    }

    private static void Report(WorkflowContext context, string step, string? problem = null) =>
        context.SetCustomStatus(new OrderProgress(step, Now(context), problem));

    private static DateTimeOffset Now(WorkflowContext context) => new(context.CurrentUtcDateTime, TimeSpan.Zero);

    [Flags]
    private enum Compensation
    {
        None = 0,
        ReleaseStock = 1,
        Refund = 2,
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string orderId, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment for order {OrderId} failed: {Reason}")]
    private static partial void LogPaymentFailed(ILogger logger, string orderId, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment for order {OrderId} went unanswered after every attempt: {Error}")]
    private static partial void LogPaymentUnanswered(ILogger logger, string orderId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Compensation of order {OrderId} delayed: {Problem}")]
    private static partial void LogCompensationDelayed(ILogger logger, string orderId, string problem);
}

/// <summary>
/// Everything the workflow needs, captured when it starts. The inventory timeout travels in the input
/// rather than being read from configuration, so a replay always sees the value the run started with.
/// </summary>
public sealed record OrderWorkflowInput(
    string OrderId,
    string CustomerId,
    string Currency,
    IReadOnlyList<OrderLine> Lines,
    PaymentMethod Payment,
    TimeSpan InventoryTimeout);

/// <summary>The terminal state the order reached, and why.</summary>
public sealed record OrderWorkflowResult(string OrderId, OrderStatus Status, string? Reason);

/// <summary>
/// The workflow's custom status: the step it is on, since when (workflow time), and what keeps it there if
/// something does (a compensation waiting to be tried again). GET /orders/{id} shows the step; the stuck-orders
/// view shows all three.
/// </summary>
public sealed record OrderProgress(string Step, DateTimeOffset Since, string? Problem = null);
