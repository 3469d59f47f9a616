using CloudPatterns.Contracts.Orders;
using CloudPatterns.OrderService.Orders;
using System.Security.Claims;
using CloudPatterns.ServiceDefaults.Problems;
using CloudPatterns.ServiceDefaults.Security;
using CloudPatterns.Workflows.OrderProcessing;
using Dapr.Workflow;
using Grpc.Core;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CloudPatterns.OrderService.Intake;

public static class OrderCommandsApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapOrderCommandsApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/orders").WithTags("Orders").RequireAuthorization(Policies.User);
        orders.MapPost("/", SubmitOrder);
        orders.MapPost("/{orderId}/cancel", CancelOrder);
        return app;
    }

    public static async Task<Results<Accepted<OrderAccepted>, ValidationProblem, ProblemHttpResult>> SubmitOrder(
        SubmitOrderRequest request,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        OrderIntake intake,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (!user.MayActFor(request.CustomerId))
        {
            return ProblemResults.Forbidden("Customers place orders as themselves; only an admin may order for someone else.");
        }

        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > 100 || idempotencyKey.Any(char.IsControl)))
        {
            return ProblemResults.Invalid(IdempotencyKeyHeader, "must be 1 to 100 printable characters");
        }

        var result = await intake.SubmitAsync(request, idempotencyKey, cancellationToken);
        if (result.KeyReusedForAnotherRequest)
        {
            return TypedResults.Problem(
                title: "This Idempotency-Key was already used for a different order.",
                detail: $"Order {result.Order.OrderId} was created with this key from another request body; use a new key for a new order.",
                statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        var location = $"/orders/{result.Order.OrderId}";
        return TypedResults.Accepted(location, new OrderAccepted(result.Order.OrderId, OrderStatus.Submitted, location));
    }

    /// <summary>
    /// Records the request on the order, then wakes the workflow. The write model decides: if the order
    /// was confirmed first, the cancellation is refused; if the request was recorded first, the workflow
    /// cannot confirm and compensates instead.
    /// </summary>
    public static async Task<Results<Accepted<OrderAccepted>, Ok<OrderAccepted>, ProblemHttpResult>> CancelOrder(
        string orderId,
        CancelOrderRequest? request,
        OrderStore orders,
        IDaprWorkflowClient workflows,
        TimeProvider time,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? "cancelled by the customer" : request.Reason.Trim();
        while (true)
        {
            var (order, etag) = await orders.GetAsync(orderId, cancellationToken);
            if (order is null || !user.MayActFor(order.CustomerId))
            {
                return ProblemResults.NotFound($"No order {orderId}.");
            }

            var view = new OrderAccepted(orderId, order.Status, $"/orders/{orderId}");
            if (order.Status == OrderStatus.Cancelled)
            {
                return TypedResults.Ok(view);
            }

            if (OrderTransitions.IsFinal(order.Status))
            {
                return ProblemResults.Conflict(order.Status == OrderStatus.Shipped
                    ? $"Order {orderId} has shipped and can no longer be cancelled."
                    : $"Order {orderId} is already {order.Status} and can no longer be cancelled.");
            }

            if (order.CancelRequested
                || await orders.TryReplaceAsync(order with { CancelRequested = true, CancelReason = reason, UpdatedAt = time.GetUtcNow() }, etag, cancellationToken))
            {
                await WakeWorkflowAsync(workflows, orderId, reason, cancellationToken);
                return TypedResults.Accepted(view.StatusUrl, view);
            }
        }
    }

    private static async Task WakeWorkflowAsync(IDaprWorkflowClient workflows, string orderId, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await workflows.RaiseEventAsync(orderId, WorkflowEvents.Cancel, new CancellationRequest(reason), cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound or StatusCode.Unknown)
        {
            // Not started yet: its first step reads the request from the order and cancels.
        }
    }
}
