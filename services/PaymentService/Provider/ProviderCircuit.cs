namespace CloudPatterns.PaymentService.Provider;

/// <summary>The provider breaker's state, for the status endpoint and for tests.</summary>
public sealed class ProviderCircuit
{
    public CircuitBreakerStateProvider StateProvider { get; } = new();

    public CircuitState State => StateProvider.CircuitState;
}
