using System.Collections.Concurrent;
using CloudPatterns.Contracts;
using CloudPatterns.Contracts.Payments;
using CloudPatterns.ServiceDefaults.Json;
using CloudPatterns.Testing.Fabric;
using CloudPatterns.Testing.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CloudPatterns.OrderService.Tests;

/// <summary>
/// payment-service's contract played by the test: idempotent per order, answering as the test decides
/// (captured, declined by token, or unavailable a number of times).
/// </summary>
public sealed class FakePaymentService
{
    private readonly ConcurrentDictionary<string, PaymentResponse> _payments = new(StringComparer.Ordinal);

    /// <summary>Tokens that are declined.</summary>
    public ConcurrentDictionary<string, string> DeclinedTokens { get; } = new(StringComparer.Ordinal);

    /// <summary>How many more charges answer 503 (the provider is down).</summary>
    public int UnavailableFor { get; set; }

    /// <summary>Charges for which this answers true get a 503 (decided per call: order id and attempt number).</summary>
    public Func<string, int, bool>? UnavailableWhen { get; set; }

    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    public int ChargeCalls => _calls;

    public IReadOnlyDictionary<string, PaymentResponse> Payments => _payments;

    public ConcurrentQueue<(string PaymentId, string? IdempotencyKey)> Refunds { get; } = new();

    private int _calls;

    public async Task<FabricTestApp> StartAsync(DaprTestFabric fabric) =>
        await FabricTestApp.StartAsync(fabric, AppIds.PaymentService, web =>
        {
            web.MapPost("/payments", (ChargeRequest request) => Charge(request));
            web.MapPost("/payments/{paymentId}/refund", (string paymentId, HttpRequest http) =>
            {
                Refunds.Enqueue((paymentId, http.Headers["Idempotency-Key"].ToString()));
                var payment = _payments.Values.Single(p => p.PaymentId == paymentId);
                return Results.Json(payment with { Status = PaymentStatus.Refunded, Refunded = payment.Amount }, JsonDefaults.Options);
            });
        });

    private IResult Charge(ChargeRequest request)
    {
        Interlocked.Increment(ref _calls);
        var attempt = _attempts.AddOrUpdate(request.OrderId, 1, (_, n) => n + 1);
        if (UnavailableFor > 0 || UnavailableWhen?.Invoke(request.OrderId, attempt) == true)
        {
            UnavailableFor = Math.Max(0, UnavailableFor - 1);
            return Results.Problem(title: "The payment provider is unavailable.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var payment = _payments.GetOrAdd(request.OrderId, _ => DeclinedTokens.TryGetValue(request.Method.Token, out var reason)
            ? new PaymentResponse($"pay-{request.OrderId}", request.OrderId, PaymentStatus.Declined, request.Amount, Money.Zero(request.Amount.Currency), "4242", reason)
            : new PaymentResponse($"pay-{request.OrderId}", request.OrderId, PaymentStatus.Captured, request.Amount, Money.Zero(request.Amount.Currency), "4242", null));
        return Results.Json(payment, JsonDefaults.Options);
    }
}
