namespace CloudPatterns.OrderService.Queries;

/// <summary>The query side: reads the read model only (order-query-store), never the write model.</summary>
public static class OrderQueriesApi
{
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapOrderQueriesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/orders/{orderId}", GetOrder).WithTags("Orders").RequireAuthorization(Policies.User);
        app.MapGetBoundAtRuntime("/customers/{customerId}/orders", ListCustomerOrders).WithTags("Orders").RequireAuthorization(Policies.User);
        return app;
    }

    [ProblemResponse(StatusCodes.Status404NotFound, "No such order, or it is not yours; a just-accepted order appears within moments.")]
    [UnavailableResponse]
    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> GetOrder(
        string orderId, QueryStore store, IDaprWorkflowClient workflows, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (summary, _) = await store.GetOrderAsync(orderId, cancellationToken);
        // Another customer's order is answered as if it did not exist: its id reveals nothing.
        if (summary is null || !user.MayActFor(summary.CustomerId))
        {
            return ProblemResults.NotFound($"No order {orderId} yet. A just-accepted order appears within moments; retry after a second.");
        }

        var step = OrderLifecycle.IsFinal(summary.Status) ? null : await CurrentStepAsync(workflows, orderId, cancellationToken);
        return TypedResults.Ok(new OrderView(summary.OrderId, summary.CustomerId, summary.Status, summary.StatusReason, step, summary.Lines,
            summary.Total, summary.PaymentId, summary.Carrier, summary.TrackingNumber, summary.SubmittedAt, summary.UpdatedAt, summary.Refund, summary.Refunded));
    }

    [ProblemResponse(StatusCodes.Status403Forbidden, "Customers see their own orders only.")]
    [UnavailableResponse]
    public static async Task<Results<Ok<CustomerOrderPage>, ProblemHttpResult>> ListCustomerOrders(
        string customerId, QueryStore store, ClaimsPrincipal user, CancellationToken cancellationToken, OrderStatus? status = null,
        [Range(1, int.MaxValue, ErrorMessage = Paging.PageMessage)] int page = 1,
        [Range(1, MaxPageSize, ErrorMessage = Paging.PageSizeMessage)] int pageSize = 20)
    {
        if (!user.MayActFor(customerId))
        {
            return ProblemResults.Forbidden("Customers see their own orders only.");
        }

        var (list, _) = await store.GetCustomerAsync(customerId, cancellationToken);
        var matching = list.Orders.Where(o => status is null || o.Status == status).ToList();
        return TypedResults.Ok(new CustomerOrderPage(Paging.Slice(matching, page, pageSize), page, pageSize, matching.Count));
    }

    /// <summary>
    /// The workflow's custom status: the step of the guide's state machine it is on. The step adds to the read model's
    /// answer, so while the workflow API cannot answer the order is shown without it rather than not at all.
    /// </summary>
    private static async Task<string?> CurrentStepAsync(IDaprWorkflowClient workflows, string orderId, CancellationToken cancellationToken)
    {
        try
        {
            var state = await workflows.GetWorkflowStateAsync(orderId, getInputsAndOutputs: false, cancellationToken);
            return state.Exists ? state.ReadCustomStatusAs<OrderProgress>()?.Step : null;
        }
        catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled)
        {
            return null;
        }
    }
}
