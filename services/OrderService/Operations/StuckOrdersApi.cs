namespace CloudPatterns.OrderService.Operations;

/// <summary>
/// For admins: orders whose workflow failed or that have not moved for longer than a threshold (or are waiting to
/// give something back), and the two ways out - retry (run the workflow again; it catches up from the write model)
/// and terminate (cancel it with compensation: stock back, payment back).
/// </summary>
public static class StuckOrdersApi
{
    public static IEndpointRouteBuilder MapStuckOrdersApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/orders").WithTags("Orders (admin)").RequireAuthorization(Policies.Admin);
        admin.MapGetBoundAtRuntime("/stuck", ListStuckOrders);
        admin.MapPost("/{orderId}/retry", RetryOrder);
        admin.MapPost("/{orderId}/terminate", TerminateOrder);
        return app;
    }

    [UnavailableResponse]
    public static async Task<Ok<IReadOnlyList<StuckOrder>>> ListStuckOrders(
        QueryStore store, IDaprWorkflowClient workflows, TimeProvider time, IOptions<OrderProcessingOptions> options, CancellationToken cancellationToken,
        [Range(1, 7 * 24 * 60, ErrorMessage = "must be between {1} and {2} (a week)")] int? olderThanMinutes = null)
    {
        var threshold = olderThanMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : options.Value.StuckAfter;
        var now = time.GetUtcNow();
        var stuck = new List<StuckOrder>();
        foreach (var orderId in await store.UnsettledOrderIdsAsync(cancellationToken))
        {
            var (summary, _) = await store.GetOrderAsync(orderId, cancellationToken);
            var workflow = await workflows.GetWorkflowStateAsync(orderId, getInputsAndOutputs: false, cancellationToken);
            var progress = workflow.Exists ? workflow.ReadCustomStatusAs<OrderProgress>() : null;
            var since = new[] { summary?.UpdatedAt ?? DateTimeOffset.MinValue, progress?.Since ?? DateTimeOffset.MinValue }.Max();
            var failed = !workflow.Exists || workflow.RuntimeStatus is WorkflowRuntimeStatus.Failed or WorkflowRuntimeStatus.Terminated;
            var lastError = workflow.Exists ? workflow.FailureDetails?.ErrorMessage ?? progress?.Problem : "no workflow is running for it";
            if (failed || lastError is not null || now - since > threshold)
            {
                stuck.Add(new StuckOrder(orderId, summary?.CustomerId, summary?.Status ?? OrderStatus.Submitted, summary?.Refund, progress?.Step, since,
                    workflow.Exists ? workflow.RuntimeStatus.ToString() : "Missing", lastError));
            }
        }

        return TypedResults.Ok<IReadOnlyList<StuckOrder>>(stuck.OrderBy(s => s.Since).ToList());
    }

    /// <summary>202: its workflow runs again from the start and catches up; 409 while it still runs, or once the order is settled.</summary>
    [ProblemResponse(StatusCodes.Status404NotFound, "No such order.")]
    [ProblemResponse(StatusCodes.Status409Conflict, "The workflow still runs, or the order is settled.")]
    [UnavailableResponse]
    public static async Task<Results<Accepted, ProblemHttpResult>> RetryOrder(
        string orderId, OrderStore orders, IDaprWorkflowClient workflows, OrderWorkflowStarter starter, CancellationToken cancellationToken)
    {
        var (order, _) = await orders.GetAsync(orderId, cancellationToken);
        if (order is null)
        {
            return ProblemResults.NotFound($"No order {orderId}.");
        }

        var workflow = await workflows.GetWorkflowStateAsync(orderId, getInputsAndOutputs: false, cancellationToken);
        if (workflow is { Exists: true, RuntimeStatus: WorkflowRuntimeStatus.Running or WorkflowRuntimeStatus.Pending or WorkflowRuntimeStatus.Completed })
        {
            return ProblemResults.Conflict(workflow.RuntimeStatus == WorkflowRuntimeStatus.Completed
                ? $"Order {orderId} is settled ({order.Status}); there is nothing to retry."
                : $"The workflow of order {orderId} is {workflow.RuntimeStatus}; it is not stuck in a failure. Terminate it to end the order.");
        }

        await starter.StartAsync(order, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>
    /// 202: an order still in progress is cancelled with compensation (its running workflow cancels; a failed one runs
    /// again to do it). An order already decided whose workflow is failing to give something back (a refund the
    /// provider keeps refusing: the workflow waits between rounds with the last error) has that workflow terminated, and
    /// what it owed is the admin's to settle (a retry resumes the compensation). Compensation that is not failing is
    /// left alone, so a repeated terminate changes nothing. 409 once the order is settled.
    /// </summary>
    [ProblemResponse(StatusCodes.Status404NotFound, "No such order.")]
    [ProblemResponse(StatusCodes.Status409Conflict, "The order is already settled.")]
    [UnavailableResponse]
    public static async Task<Results<Accepted, ProblemHttpResult>> TerminateOrder(
        string orderId, OrderCancellation cancellation, OrderWorkflowStarter starter, IDaprWorkflowClient workflows, CancellationToken cancellationToken)
    {
        var result = await cancellation.RequestAsync(orderId, "ended by an admin", _ => true, cancellationToken);
        if (result.Order is null)
        {
            return ProblemResults.NotFound($"No order {orderId}.");
        }

        var workflow = await workflows.GetWorkflowStateAsync(orderId, getInputsAndOutputs: false, cancellationToken);
        var failingToCompensate = workflow is { Exists: true, RuntimeStatus: WorkflowRuntimeStatus.Running }
            && workflow.ReadCustomStatusAs<OrderProgress>() is { Step: WorkflowSteps.Compensating, Problem: not null };
        if (failingToCompensate && OrderLifecycle.IsFinal(result.Order.Status))
        {
            await workflows.TerminateWorkflowAsync(orderId, "ended by an admin", cancellationToken);
            return TypedResults.Accepted((string?)null);
        }

        if (!result.Accepted)
        {
            return ProblemResults.Conflict(result.Refusal!);
        }

        if (!workflow.Exists || workflow.RuntimeStatus is WorkflowRuntimeStatus.Failed or WorkflowRuntimeStatus.Terminated)
        {
            await starter.StartAsync(result.Order, cancellationToken);
        }

        return TypedResults.Accepted((string?)null);
    }
}
