namespace CloudPatterns.ShippingService.Quotes;

/// <summary>The rate table: per destination zone and speed. Configuration, so prices change without a release.</summary>
public sealed class ShippingRates : IValidatableObject
{
    public const string Section = "Shipping";

    [Required, SupportedCurrency]
    public string Currency { get; set; } = "USD";

    [Required]
    public string Carrier { get; set; } = "ParcelCo";

    /// <summary>Orders carry no address yet, so shipments go to this zone.</summary>
    [Required]
    public string DefaultZone { get; set; } = "domestic";

    /// <summary>Products carry no weight yet, so each item counts as this much.</summary>
    [Range(typeof(decimal), "0.01", "100")]
    public decimal ItemWeightKg { get; set; } = 0.5m;

    [Range(typeof(decimal), "0.1", "1000")]
    public decimal MaxWeightKg { get; set; } = 70m;

    [Required, MinLength(1)]
    public Dictionary<string, Dictionary<ShippingSpeed, Rate>> Zones { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Data annotations do not look inside the dictionaries, so the table is checked here: a bad table stops the start.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Zones.ContainsKey(DefaultZone))
        {
            yield return new ValidationResult($"The default zone '{DefaultZone}' is not in the rate table.", [nameof(DefaultZone)]);
        }

        foreach (var (zone, rates) in Zones)
        {
            foreach (var speed in Enum.GetValues<ShippingSpeed>())
            {
                if (!rates.TryGetValue(speed, out var rate))
                {
                    yield return new ValidationResult($"Zone '{zone}' has no {speed} rate.", [nameof(Zones)]);
                    continue;
                }

                var problems = new List<ValidationResult>();
                if (!Validator.TryValidateObject(rate, new ValidationContext(rate), problems, validateAllProperties: true))
                {
                    foreach (var problem in problems)
                    {
                        yield return new ValidationResult($"Zone '{zone}' {speed}: {problem.ErrorMessage}", [nameof(Zones)]);
                    }
                }
            }
        }
    }
}

public enum ShippingSpeed
{
    Standard,
    Express,
}
