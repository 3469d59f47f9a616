namespace CloudPatterns.PaymentProviderSimulator;

/// <summary>
/// The runtime-adjustable knobs (PUT /simulator/settings), to watch payment-service's breaker work:
/// a failure rate, a latency, and a number of next requests that fail for certain.
/// </summary>
public sealed record Knobs(double FailureRate, TimeSpan Latency, int FailNext = 0)
{
    public static Knobs From(SimulatorOptions options) => new(options.FailureRate, options.Latency);
}
