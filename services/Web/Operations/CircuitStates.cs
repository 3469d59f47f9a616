namespace CloudPatterns.Web.Operations;

/// <summary>The payment provider breaker's states (Polly's, as payment-service reports them) in an operator's words.</summary>
public static class CircuitStates
{
    public static string Label(string state) => state switch
    {
        "Closed" => "Closed",
        "Open" => "Open",
        "HalfOpen" => "Half-open",
        "Isolated" => "Isolated",
        _ => state,
    };

    public static string Meaning(string state) => state switch
    {
        "Closed" => "Charges go through to the provider.",
        "Open" => "payment-service refuses charges without calling the provider, and the order workflow retries them later. "
            + "Once the break duration has passed, the next charge goes through as a probe: the breaker closes if it succeeds "
            + "and opens again if it fails.",
        "HalfOpen" => "One probe charge is on its way to the provider; the others are refused until it answers.",
        "Isolated" => "Held open by hand: no charge reaches the provider.",
        _ => "A state this page does not know.",
    };

    /// <summary>The CSS class that colours the state: good when closed, bad when open, a warning in between.</summary>
    public static string Tone(string state) => state switch
    {
        "Closed" => "circuit-closed",
        "HalfOpen" => "circuit-halfopen",
        _ => "circuit-open",
    };
}
