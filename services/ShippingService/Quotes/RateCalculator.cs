namespace CloudPatterns.ShippingService.Quotes;

/// <summary>Price = base + per-kg price x weight rounded up to the next 100 g, in decimal money, rounded to cents.</summary>
public sealed class RateCalculator(IOptionsMonitor<ShippingRates> rates)
{
    public ShippingRates Rates => rates.CurrentValue;

    public bool KnowsZone(string zone) => Rates.Zones.ContainsKey(zone);

    public ShippingQuote Quote(string zone, ShippingSpeed speed, decimal weightKg)
    {
        var rate = Rates.Zones[zone][speed];
        var billedKg = Math.Ceiling(weightKg * 10m) / 10m;
        var price = decimal.Round(rate.Base + rate.PerKg * billedKg, 2, MidpointRounding.AwayFromZero);
        return new ShippingQuote(zone.ToLowerInvariant(), speed, weightKg, new Money(price, Rates.Currency), rate.Days);
    }
}
