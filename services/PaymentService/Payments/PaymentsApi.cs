namespace CloudPatterns.PaymentService.Payments;

public static class PaymentsApi
{
    public static IEndpointRouteBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        var payments = app.MapGroup("/payments").WithTags("Payments");
        // Charges come from the order workflow only; refunds from it (compensation) or from an admin.
        payments.MapPost("/", Charge).AllowCallers([AppIds.OrderService]);
        payments.MapGet("/{paymentId}", GetPayment).RequireAuthorization(Policies.User);
        payments.MapPost("/{paymentId}/refund", Refund).AllowCallers([AppIds.OrderService], orAdmin: true);
        // The order workflow's compensation: whatever the order's payment captured goes back, once.
        app.MapPost("/orders/{orderId}/payment/refund", RefundOrder).WithTags("Payments (internal)").AllowCallers([AppIds.OrderService]);
        app.MapGet("/provider/status", (ProviderCircuit circuit) => TypedResults.Ok(new ProviderStatus(circuit.State.ToString())))
            .WithTags("Payments").RequireAuthorization(Policies.Admin);
        return app;
    }

    /// <summary>
    /// 200 with Captured or Declined (a decline is an answer, not an error); 503 with Retry-After while the
    /// provider is unavailable, which callers (the order workflow) retry; 422 if the order was already paid
    /// with another amount; 409 if its first attempt went unanswered longer ago than the provider remembers it.
    /// </summary>
    public static async Task<Results<Ok<PaymentResponse>, ProblemHttpResult>> Charge(
        ChargeRequest request, PaymentProcessor processor, HttpResponse response, CancellationToken cancellationToken)
    {
        try
        {
            var (outcome, payment) = await processor.ChargeAsync(request, cancellationToken);
            return outcome switch
            {
                ChargeOutcome.AmountMismatch => TypedResults.Problem(
                    title: "This order was already paid with another amount.",
                    detail: $"Order {request.OrderId} has payment {payment.PaymentId} of {payment.Amount}.",
                    statusCode: StatusCodes.Status422UnprocessableEntity),
                // The customer reads the title (the order page, the mail); the reason is in payment-service's log.
                ChargeOutcome.Unreconciled => TypedResults.Problem(
                    title: "The payment could not be confirmed and is being checked by hand.",
                    statusCode: StatusCodes.Status409Conflict),
                _ => TypedResults.Ok(payment.ToResponse()),
            };
        }
        catch (ProviderUnavailableException ex)
        {
            return Unavailable(response, ex);
        }
    }

    /// <summary>The payer or an admin; anyone else is told there is no such payment.</summary>
    [ProblemResponse(StatusCodes.Status404NotFound, "No such payment, or it is not yours.")]
    [UnavailableResponse]
    public static async Task<Results<Ok<PaymentResponse>, ProblemHttpResult>> GetPayment(
        string paymentId, PaymentStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (payment, _) = await store.GetAsync(paymentId, cancellationToken);
        return payment is { IsSettled: true } && user.MayActFor(payment.CustomerId)
            ? TypedResults.Ok(payment.ToResponse())
            : ProblemResults.NotFound($"No payment {paymentId}.");
    }

    /// <summary>
    /// Refunds all or part of a captured payment (an admin's). The Idempotency-Key header is required: a refund asked
    /// again with the same key is paid out once, and answered with the first refund.
    /// </summary>
    [RequiredHeader(IdempotencyKeys.Header)]
    [ProblemResponse(StatusCodes.Status404NotFound, "No such payment.")]
    [ProblemResponse(StatusCodes.Status409Conflict, "The amount is more than is left to refund, the payment cannot be refunded in its state, or its charge needs reconciling by hand.")]
    [ProblemResponse(StatusCodes.Status502BadGateway, "The payment provider refused the refund.")]
    [ProblemResponse(StatusCodes.Status503ServiceUnavailable, "The payment provider is unavailable: try again after Retry-After.")]
    public static async Task<Results<Ok<PaymentResponse>, ValidationProblem, ProblemHttpResult>> Refund(
        string paymentId,
        RefundInput request,
        [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey,
        RefundProcessor refunds,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        // Required: without a key, a refund asked again after a timeout or a lost answer would pay out again.
        if (idempotencyKey is null || !IdempotencyKeys.IsValid(idempotencyKey))
        {
            return ProblemResults.Invalid(IdempotencyKeys.Header, $"is required and {IdempotencyKeys.Rule}: a refund asked again with it pays out once");
        }

        return await AnswerAsync(
            paymentId, () => refunds.RefundAsync(paymentId, new RefundRequest(request.Amount, request.Reason), idempotencyKey, cancellationToken), response);
    }

    /// <summary>
    /// 200 with the payment refunded (or with nothing left to refund, or closed as never charged when the request gives the
    /// total of a charge no attempt of which arrived), 404 when the order has no payment, 503 while the
    /// provider cannot say what an unanswered charge took (or cannot refund it), 409 when that charge went unanswered
    /// longer ago than the provider keeps its key (a person must reconcile it).
    /// </summary>
    public static async Task<Results<Ok<PaymentResponse>, ValidationProblem, ProblemHttpResult>> RefundOrder(
        string orderId, RefundRequest request, RefundProcessor refunds, HttpResponse response, CancellationToken cancellationToken)
    {
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? "order cancelled" : request.Reason.Trim();
        return await AnswerAsync($"of order {orderId}", () => refunds.RefundOrderAsync(orderId, reason, request.OrderTotal, cancellationToken), response, nothingLeftIsDone: true);
    }

    private static async Task<Results<Ok<PaymentResponse>, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        string payment, Func<Task<(RefundOutcome Outcome, PaymentRecord? Payment)>> refund, HttpResponse response, bool nothingLeftIsDone = false)
    {
        try
        {
            var (outcome, record) = await refund();
            return outcome switch
            {
                RefundOutcome.Refunded => TypedResults.Ok(record!.ToResponse()),
                RefundOutcome.NotFound => ProblemResults.NotFound($"No payment {payment}."),
                RefundOutcome.Unreconciled => ProblemResults.Conflict(
                    $"The charge of payment {record!.PaymentId} went unanswered longer ago than the provider keeps its idempotency key; asking again could charge twice. Reconcile it with the provider by hand."),
                RefundOutcome.RefundUnreconciled => ProblemResults.Conflict(
                    $"This refund of payment {record!.PaymentId} was asked of the provider longer ago than it keeps its idempotency key, and never answered; asking again could pay it twice. Reconcile it with the provider by hand."),
                _ when nothingLeftIsDone => TypedResults.Ok(record!.ToResponse()),
                RefundOutcome.TooMuch => ProblemResults.Conflict(
                    $"Payment {record!.PaymentId} has {record.LeftToRefund:0.00} {record.Amount.Currency} left to refund."),
                _ => ProblemResults.Conflict($"Payment {record!.PaymentId} is {record.Status} and cannot be refunded."),
            };
        }
        catch (ProviderUnavailableException ex)
        {
            return Unavailable(response, ex);
        }
        catch (ProviderRejectedException ex)
        {
            return TypedResults.Problem(title: "The payment provider refused the refund.", detail: ex.Reason, statusCode: StatusCodes.Status502BadGateway);
        }
    }

    private static ProblemHttpResult Unavailable(HttpResponse response, ProviderUnavailableException ex)
    {
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(ex.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(title: "The payment provider is unavailable.", detail: ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

/// <summary>POST /payments/{paymentId}/refund from an admin: the amount (null refunds what is left) and why.</summary>
public sealed record RefundInput(
    [property: Range(typeof(decimal), "0.01", "1000000", ErrorMessage = RefundInput.AmountMessage)] decimal? Amount,
    [property: Required(ErrorMessage = RefundInput.ReasonMessage), StringLength(500, ErrorMessage = RefundInput.ReasonMessage)] string Reason)
    : IValidatableObject
{
    private const string AmountMessage = "must be more than 0, in whole cents (at most 2 decimal places)";
    private const string ReasonMessage = "is required (up to 500 characters)";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Amount is { } amount && decimal.Round(amount, 2) != amount)
        {
            yield return new ValidationResult(AmountMessage, [nameof(Amount)]);
        }
    }
}

/// <summary>GET /provider/status: the payment provider circuit's state as payment-service sees it (Closed, Open, HalfOpen, Isolated).</summary>
public sealed record ProviderStatus(string Circuit);
