namespace CloudPatterns.Hosting.Validation;

/// <summary>The value is one of <see cref="Currencies.Supported"/>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class SupportedCurrencyAttribute : ValidationAttribute
{
    public SupportedCurrencyAttribute()
        : base($"The {{0}} field must be one of {Currencies.Listed}.")
    {
    }

    public override bool IsValid(object? value) => value is null || Currencies.IsSupported(value as string);
}
