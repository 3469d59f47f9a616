using System.Collections.Frozen;

namespace CloudPatterns.Contracts;

/// <summary>The currencies the shop trades in.</summary>
public static class Currencies
{
    public static readonly FrozenSet<string> Supported = FrozenSet.Create(StringComparer.Ordinal, "USD", "EUR", "GBP");

    public static bool IsSupported(string? currency) => currency is not null && Supported.Contains(currency);
}
