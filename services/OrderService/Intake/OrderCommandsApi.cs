namespace CloudPatterns.OrderService.Intake;

public static class OrderCommandsApi
{
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
        [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey,
        OrderIntake intake,
        ClaimsPrincipal user,
        HttpRequest http,
        CancellationToken cancellationToken)
    {
        if (!user.MayActFor(request.CustomerId))
        {
            return ProblemResults.Forbidden("Customers place orders as themselves; only an admin may order for someone else.");
        }

        if (idempotencyKey is not null && !IdempotencyKeys.IsValid(idempotencyKey))
        {
            return ProblemResults.Invalid(IdempotencyKeys.Header, IdempotencyKeys.Rule);
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

/// <summary>POST /orders. Only the shape is checked here; prices, stock and payment are the workflow's business.</summary>
public sealed record SubmitOrderRequest(
    [property: Required, RegularExpression("^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "The CustomerId field must be 1 to 64 letters, digits, dots, dashes or underscores.")]
    string CustomerId,
    [property: Required, SupportedCurrency] string Currency,
    [property: Required, MinLength(1), MaxLength(SubmitOrderRequest.MaxLines)] IReadOnlyList<OrderLineInput> Lines,
    [property: Required] PaymentMethodInput Payment) : IValidatableObject
{
    public const int MaxLines = 100;

    /// <summary>A null line: the built-in validation validates the lines there are and passes over a missing one.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        (Lines ?? []).Select((line, i) => line is null ? new ValidationResult("is required (a line has a sku and a quantity)", [$"{nameof(Lines)}[{i}]"]) : null)
            .OfType<ValidationResult>();
}

public sealed record OrderLineInput(
    [property: Required, StringLength(40, MinimumLength = 3)] string Sku,
    [property: Range(1, 1000)] int Quantity);

/// <summary>
/// A card token from the payment provider's client-side tokenisation. A card number is refused here, at the edge,
/// so it never reaches order-store, an event, a log line or the workflow's input.
/// </summary>
public sealed record PaymentMethodInput(
    [property: Required, RegularExpression("^card$", ErrorMessage = "The Type field must be 'card'.")] string Type,
    [property: Required, StringLength(100, MinimumLength = 4)] string Token) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PaymentMethod.LooksLikeCardNumber(Token))
        {
            yield return new ValidationResult(
                "The Token field looks like a card number; send the token the payment provider issued for the card, never the number.", [nameof(Token)]);
        }
    }
}

public sealed record CancelOrderRequest([property: StringLength(500)] string? Reason);
