using CloudPatterns.Contracts.Orders;
using CloudPatterns.OrderService.Orders;
using CloudPatterns.ServiceDefaults.Problems;
using CloudPatterns.Workflows.OrderProcessing;
using Dapr.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudPatterns.OrderService.Queries;

/// <summary>The query side: reads the read model only (order-query-store), never the write model.</summary>
public static class OrderQueriesApi
{
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapOrderQueriesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/orders/{orderId}", GetOrder).WithTags("Orders");
        app.MapGet("/customers/{customerId}/orders", ListCustomerOrders).WithTags("Orders");
        return app;
    }

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> GetOrder(
        string orderId, QueryStore store, IDaprWorkflowClient workflows, CancellationToken cancellationToken)
    {
        var (summary, _) = await store.GetOrderAsync(orderId, cancellationToken);
        if (summary is null)
        {
            return ProblemResults.NotFound($"No order {orderId} yet. A just-accepted order appears within moments; retry after a second.");
        }

        var step = OrderTransitions.IsFinal(summary.Status) ? null : await CurrentStepAsync(workflows, orderId, cancellationToken);
        return TypedResults.Ok(new OrderView(summary.OrderId, summary.CustomerId, summary.Status, summary.StatusReason, step, summary.Lines,
            summary.Total, summary.PaymentId, summary.Carrier, summary.TrackingNumber, summary.SubmittedAt, summary.UpdatedAt));
    }

    public static async Task<Results<Ok<CustomerOrderPage>, ValidationProblem>> ListCustomerOrders(
        string customerId, QueryStore store, CancellationToken cancellationToken, OrderStatus? status = null, int page = 1, int pageSize = 20)
    {
        if (page < 1)
        {
            return ProblemResults.Invalid(nameof(page), "must be 1 or more");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            return ProblemResults.Invalid(nameof(pageSize), $"must be between 1 and {MaxPageSize}");
        }

        var (list, _) = await store.GetCustomerAsync(customerId, cancellationToken);
        var matching = list.Orders.Where(o => status is null || o.Status == status).ToList();
        return TypedResults.Ok(new CustomerOrderPage(matching.Skip((page - 1) * pageSize).Take(pageSize).ToList(), page, pageSize, matching.Count));
    }

    /// <summary>The workflow's custom status: the step of the guide's state machine it is on.</summary>
    private static async Task<string?> CurrentStepAsync(IDaprWorkflowClient workflows, string orderId, CancellationToken cancellationToken)
    {
        var state = await workflows.GetWorkflowStateAsync(orderId, getInputsAndOutputs: false, cancellationToken);
        return state.Exists ? state.ReadCustomStatusAs<OrderProgress>()?.Step : null;
    }
}
