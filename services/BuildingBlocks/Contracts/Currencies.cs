namespace CloudPatterns.Contracts;

/// <summary>The currencies the shop trades in, and the smallest unit of each.</summary>
public static class Currencies
{
    public static readonly FrozenSet<string> Supported = FrozenSet.Create(StringComparer.Ordinal, "USD", "EUR", "GBP");

    /// <summary>The supported currencies as people read them in a refusal: "EUR, GBP, USD".</summary>
    public static string Listed { get; } = string.Join(", ", Supported.Order(StringComparer.Ordinal));

    public static bool IsSupported(string? currency) => currency is not null && Supported.Contains(currency);

    /// <summary>Decimal places of the currency's minor unit (ISO 4217): 2 for every currency the shop takes.</summary>
    public static int MinorUnitDigits(string currency) => 2;

    /// <summary>The smallest amount of the currency (0.01 for every currency the shop takes).</summary>
    public static decimal MinorUnit(string currency) => new(1, 0, 0, isNegative: false, scale: (byte)MinorUnitDigits(currency));

    /// <summary>Whether <paramref name="amount"/> is a whole number of the currency's smallest unit (no 0.001 USD, no 1e-28).</summary>
    public static bool IsWholeMinorUnits(decimal amount, string currency) => decimal.Round(amount, MinorUnitDigits(currency)) == amount;
}
