using CloudPatterns.Contracts.Orders;
using System.Security.Claims;
using CloudPatterns.ServiceDefaults.Http;
using CloudPatterns.ServiceDefaults.Problems;
using CloudPatterns.ServiceDefaults.Security;
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

    [ProblemResponse(StatusCodes.Status403Forbidden, "A customer may order only as themselves.")]
    [ProblemResponse(StatusCodes.Status422UnprocessableEntity, "The Idempotency-Key was already used for a different order.")]
    [UnavailableResponse]
    public static async Task<Results<Accepted<OrderAccepted>, ValidationProblem, ProblemHttpResult>> SubmitOrder(
        SubmitOrderRequest request,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        OrderIntake intake,
        ClaimsPrincipal user,
        HttpRequest http,
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

        var location = PublicLinks.To(http, $"/orders/{result.Order.OrderId}");
        return TypedResults.Accepted(location, new OrderAccepted(result.Order.OrderId, OrderStatus.Submitted, location));
    }

    /// <summary>202 while the cancellation is being carried out, 200 once the order is cancelled, 409 when it is too late.</summary>
    [ProblemResponse(StatusCodes.Status404NotFound, "No such order, or it is not yours.")]
    [ProblemResponse(StatusCodes.Status409Conflict, "Too late: the order is confirmed or settled.")]
    [UnavailableResponse]
    public static async Task<Results<Accepted<OrderAccepted>, Ok<OrderAccepted>, ProblemHttpResult>> CancelOrder(
        string orderId,
        CancelOrderRequest? request,
        OrderCancellation cancellation,
        ClaimsPrincipal user,
        HttpRequest http,
        CancellationToken cancellationToken)
    {
        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? "cancelled by the customer" : request.Reason.Trim();
        var result = await cancellation.RequestAsync(orderId, reason, order => user.MayActFor(order.CustomerId), cancellationToken);
        if (result.Order is null)
        {
            return ProblemResults.NotFound($"No order {orderId}.");
        }

        var view = new OrderAccepted(orderId, result.Order.Status, PublicLinks.To(http, $"/orders/{orderId}"));
        return result switch
        {
            { Accepted: false } => ProblemResults.Conflict(result.Refusal!),
            { Order.Status: OrderStatus.Cancelled } => TypedResults.Ok(view),
            _ => TypedResults.Accepted(view.StatusUrl, view),
        };
    }
}
