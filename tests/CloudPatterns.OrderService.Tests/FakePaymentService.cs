namespace CloudPatterns.OrderService.Tests;

/// <summary>
/// payment-service's contract played by the test: idempotent per order, answering as the test decides
/// (captured, declined or refused by token, unavailable a number of times, or captured with the answer lost).
/// </summary>
public sealed class FakePaymentService
{
    private readonly ConcurrentDictionary<string, PaymentResponse> _payments = new(StringComparer.Ordinal);

    /// <summary>Tokens that are declined.</summary>
    public ConcurrentDictionary<string, string> DeclinedTokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Tokens whose charges payment-service refuses outright (422, with this detail).</summary>
    public ConcurrentDictionary<string, string> RefusedTokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Charges go through, but every answer is lost on the way back (503 after capturing).</summary>
    public bool AnswersLost { get; set; }

    /// <summary>The last refund request of each order (its reason, and the total of a charge that went unanswered).</summary>
    public ConcurrentDictionary<string, RefundRequest> RefundRequests { get; } = new(StringComparer.Ordinal);

    /// <summary>How many more charges answer 503 (the provider is down).</summary>
    public int UnavailableFor { get; set; }

    /// <summary>Charges for which this answers true get a 503 (decided per call: order id and attempt number).</summary>
    public Func<string, int, bool>? UnavailableWhen { get; set; }

    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    public int ChargeCalls => _calls;

    public IReadOnlyDictionary<string, PaymentResponse> Payments => _payments;

    /// <summary>Orders whose payment was refunded (once each, however often the refund was asked for).</summary>
    public ConcurrentQueue<string> Refunds { get; } = new();

    /// <summary>Until this time (the fabric's clock) refund requests are answered 503: the provider refuses refunds for a while.</summary>
    public DateTimeOffset RefundsUnavailableUntil { get; set; }

    /// <summary>Every refund request that arrived, answered or not.</summary>
    public int RefundCalls => _refundCalls;

    private int _refundCalls;

    private int _calls;

    private EventPublisher _publisher = null!;
    private TimeProvider _time = TimeProvider.System;

    public async Task<FabricTestApp> StartAsync(DaprTestFabric fabric)
    {
        _publisher = new EventPublisher(fabric.ClientFor(AppIds.PaymentService));
        _time = fabric.Time;
        return await FabricTestApp.StartAsync(fabric, AppIds.PaymentService, web =>
        {
            web.MapPost("/payments", (ChargeRequest request) => Charge(request));
            web.MapPost("/orders/{orderId}/payment/refund", (string orderId, RefundRequest request) => RefundOrderAsync(orderId, request));
        });
    }

    private async Task<IResult> RefundOrderAsync(string orderId, RefundRequest request)
    {
        Interlocked.Increment(ref _refundCalls);
        RefundRequests[orderId] = request;
        if (_time.GetUtcNow() < RefundsUnavailableUntil)
        {
            return Unavailable();
        }

        if (!_payments.TryGetValue(orderId, out var payment))
        {
            return Results.Problem(title: "Not found.", statusCode: StatusCodes.Status404NotFound);
        }

        if (payment.Status == PaymentStatus.Captured)
        {
            payment = _payments[orderId] = payment with { Status = PaymentStatus.Refunded, Refunded = payment.Amount };
            Refunds.Enqueue(orderId);
            await _publisher.PublishAsync(new PaymentRefunded(Guid.NewGuid(), DateTimeOffset.UtcNow, orderId, payment.PaymentId, $"re-{orderId}",
                payment.Amount, Money.Zero(payment.Amount.Currency)));
        }

        return Results.Json(payment, JsonDefaults.Options);
    }

    private static IResult Unavailable() =>
        Results.Problem(title: "The payment provider is unavailable.", statusCode: StatusCodes.Status503ServiceUnavailable);

    private IResult Charge(ChargeRequest request)
    {
        Interlocked.Increment(ref _calls);
        var attempt = _attempts.AddOrUpdate(request.OrderId, 1, (_, n) => n + 1);
        if (UnavailableFor > 0 || UnavailableWhen?.Invoke(request.OrderId, attempt) == true)
        {
            UnavailableFor = Math.Max(0, UnavailableFor - 1);
            return Unavailable();
        }

        if (RefusedTokens.TryGetValue(request.Method.Token, out var refusal))
        {
            return Results.Problem(title: refusal, statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        var payment = _payments.GetOrAdd(request.OrderId, _ => DeclinedTokens.TryGetValue(request.Method.Token, out var reason)
            ? new PaymentResponse($"pay-{request.OrderId}", request.OrderId, PaymentStatus.Declined, request.Amount, Money.Zero(request.Amount.Currency), "4242", reason)
            : new PaymentResponse($"pay-{request.OrderId}", request.OrderId, PaymentStatus.Captured, request.Amount, Money.Zero(request.Amount.Currency), "4242", null));
        return AnswersLost
            ? Unavailable()
            : Results.Json(payment, JsonDefaults.Options);
    }
}
