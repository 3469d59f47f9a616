namespace CloudPatterns.ShippingService.Quotes;

public static class QuotesApi
{
    public static IEndpointRouteBuilder MapQuotesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/shipping/quote", GetQuote).WithTags("Shipping").RequireAuthorization(Policies.User);
        return app;
    }

    /// <summary>The query is parsed here rather than by binding, so every bad value gets a 400 naming its field.</summary>
    public static Results<Ok<ShippingQuote>, ValidationProblem> GetQuote(
        RateCalculator calculator, string? weightKg = null, string? zone = null, string? speed = null)
    {
        var rates = calculator.Rates;
        if (!decimal.TryParse(weightKg, NumberStyles.Number, CultureInfo.InvariantCulture, out var weight) || weight <= 0 || weight > rates.MaxWeightKg)
        {
            return ProblemResults.Invalid(nameof(weightKg), $"must be a number more than 0 and at most {rates.MaxWeightKg} (kg)");
        }

        if (string.IsNullOrWhiteSpace(zone) || !calculator.KnowsZone(zone))
        {
            return ProblemResults.Invalid(nameof(zone), $"must be one of {string.Join(", ", rates.Zones.Keys.Order(StringComparer.Ordinal))}");
        }

        var shippingSpeed = ShippingSpeed.Standard;
        if (speed is not null && (!Enum.TryParse(speed, ignoreCase: true, out shippingSpeed) || !Enum.IsDefined(shippingSpeed)))
        {
            return ProblemResults.Invalid(nameof(speed), $"must be one of {string.Join(", ", Enum.GetNames<ShippingSpeed>())}");
        }

        return TypedResults.Ok(calculator.Quote(zone, shippingSpeed, weight));
    }
}

public sealed record ShippingQuote(string Zone, ShippingSpeed Speed, decimal WeightKg, Money Price, int EstimatedDays);
