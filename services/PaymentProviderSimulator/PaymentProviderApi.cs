namespace CloudPatterns.PaymentProviderSimulator;

/// <summary>
/// A card processor's API, simplified: bearer API key, Idempotency-Key on every write, declines answered
/// 402, overload answered 503 (or the status the knobs say). Failures and latency come from the knobs in <see cref="SimulatorOptions"/>.
/// </summary>
public static class PaymentProviderApi
{
    public static IEndpointRouteBuilder MapPaymentProviderApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1").AddEndpointFilter(RequireApiKey).AddEndpointFilter(ApplyKnobs);
        api.MapPost("/tokens", (CardTokenRequest request, CardVault vault) =>
            Results.Ok(new CardTokenResponse(vault.Tokenize(request.Number), Last4(request.Number))));
        api.MapPost("/charges", Charge);
        api.MapPost("/refunds", Refund);

        app.MapGet("/simulator/settings", (SimulatorSettings settings) => Results.Ok(settings.Current));
        app.MapPut("/simulator/settings", (Knobs knobs, SimulatorSettings settings) =>
        {
            settings.Override(knobs);
            return Results.Ok(knobs);
        });
        return app;
    }

    private static IResult Charge(HttpRequest http, ProviderChargeRequest request, CardVault vault, ProviderLedger ledger, IOptionsMonitor<SimulatorOptions> options)
    {
        if (http.Headers["Idempotency-Key"].ToString() is not { Length: > 0 } key)
        {
            return Results.Problem(title: "Idempotency-Key is required.", statusCode: StatusCodes.Status400BadRequest);
        }

        var (status, body) = ledger.Once($"charge:{key}", () =>
        {
            var id = $"ch_{Guid.NewGuid():N}";
            if (!vault.TryResolve(request.Source, out var card))
            {
                return (StatusCodes.Status402PaymentRequired, new ProviderCharge(id, "declined", request.Amount, request.Currency, null, "invalid_token"));
            }

            if (options.CurrentValue.DeclinedCards.TryGetValue(card, out var declineCode))
            {
                return (StatusCodes.Status402PaymentRequired, new ProviderCharge(id, "declined", request.Amount, request.Currency, Last4(card), declineCode));
            }

            var charge = new ProviderCharge(id, "succeeded", request.Amount, request.Currency, Last4(card), null);
            ledger.Charges[id] = charge;
            return (StatusCodes.Status200OK, charge);
        });
        return Results.Json(body, statusCode: status);
    }

    private static IResult Refund(HttpRequest http, ProviderRefundRequest request, ProviderLedger ledger)
    {
        if (http.Headers["Idempotency-Key"].ToString() is not { Length: > 0 } key)
        {
            return Results.Problem(title: "Idempotency-Key is required.", statusCode: StatusCodes.Status400BadRequest);
        }

        var (status, body) = ledger.Once($"refund:{key}", () =>
        {
            if (!ledger.Charges.TryGetValue(request.Charge, out var charge))
            {
                return (StatusCodes.Status404NotFound, new { error = $"no charge {request.Charge}" });
            }

            var refunded = ledger.Refunds.Values.Where(r => r.Charge == charge.Id).Sum(r => r.Amount);
            var amount = request.Amount ?? charge.Amount - refunded;
            if (amount <= 0 || refunded + amount > charge.Amount)
            {
                return (StatusCodes.Status400BadRequest, new { error = "refund exceeds what is left of the charge" });
            }

            var refund = new ProviderRefund($"re_{Guid.NewGuid():N}", charge.Id, "succeeded", amount);
            ledger.Refunds[refund.Id] = refund;
            return (StatusCodes.Status200OK, refund);
        });
        return Results.Json(body, statusCode: status);
    }

    private static async ValueTask<object?> RequireApiKey(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<SimulatorOptions>>().CurrentValue.ApiKey;
        return context.HttpContext.Request.Headers.Authorization.ToString() == $"Bearer {expected}"
            ? await next(context)
            : Results.Problem(title: "Invalid API key.", statusCode: StatusCodes.Status401Unauthorized);
    }

    private static async ValueTask<object?> ApplyKnobs(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var services = context.HttpContext.RequestServices;
        var settings = services.GetRequiredService<SimulatorSettings>();
        settings.CountRequest();
        var knobs = settings.Current;
        if (knobs.Latency > TimeSpan.Zero)
        {
            await Task.Delay(knobs.Latency, services.GetRequiredService<TimeProvider>(), context.HttpContext.RequestAborted);
        }

        return settings.RollFailure()
            ? Results.Problem(title: "The provider cannot take this request now; try again later.", statusCode: knobs.FailureStatus)
            : await next(context);
    }

    private static string Last4(string cardNumber) => cardNumber.Length >= 4 ? cardNumber[^4..] : cardNumber;
}
