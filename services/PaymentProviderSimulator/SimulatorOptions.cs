namespace CloudPatterns.PaymentProviderSimulator;

/// <summary>The knobs: how often the provider fails, how slow it is, and which cards it declines.</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulator";

    /// <summary>The API key callers must send as a bearer token.</summary>
    [Required]
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>Share of requests answered 503 (0 to 1), as an overloaded provider would.</summary>
    [Range(0.0, 1.0)]
    public double FailureRate { get; set; }

    /// <summary>How long every answer takes.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>Card numbers that are declined, with the decline code.</summary>
    public Dictionary<string, string> DeclinedCards { get; set; } = new()
    {
        ["4000000000000002"] = "card_declined",
        ["4000000000009995"] = "insufficient_funds",
        ["4000000000000069"] = "expired_card",
    };

    /// <summary>Seed for the failure dice, so a run can be repeated.</summary>
    public int? Seed { get; set; }
}
