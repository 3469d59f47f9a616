namespace CloudPatterns.PaymentProviderSimulator;

/// <summary>Charges and refunds the simulator has made, and the answers it gave per idempotency key.</summary>
public sealed class ProviderLedger
{
    private readonly ConcurrentDictionary<string, Lazy<(int Status, object Body)>> _byIdempotencyKey = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, ProviderCharge> Charges { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, ProviderRefund> Refunds { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="operation"/> once per key; every repeat gets the first answer.</summary>
    public (int Status, object Body) Once(string idempotencyKey, Func<(int Status, object Body)> operation) =>
        _byIdempotencyKey.GetOrAdd(idempotencyKey, _ => new Lazy<(int, object)>(operation)).Value;
}
