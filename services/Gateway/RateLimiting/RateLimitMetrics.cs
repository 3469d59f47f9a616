namespace CloudPatterns.Gateway.RateLimiting;

/// <summary>
/// What the shared rate limits cost and decide, as OpenTelemetry metrics (meter CloudPatterns.Gateway, exported with
/// every CloudPatterns.* meter): store calls by operation, ETag races lost, and decisions by outcome and by where
/// they were made (this replica's lease, the store, or this replica alone while the store was unreachable).
/// </summary>
public sealed class RateLimitMetrics
{
    public const string MeterName = "CloudPatterns.Gateway";

    private readonly Counter<long> _storeCalls;
    private readonly Counter<long> _lostRaces;
    private readonly Counter<long> _decisions;

    public RateLimitMetrics(IMeterFactory meters)
    {
        // The factory owns the meter (one per name, shared) and disposes it with the container.
        var meter = meters.Create(MeterName);
        _storeCalls = meter.CreateCounter<long>("cloudpatterns.gateway.rate_limit.store_calls", "{call}", "Calls to gateway-store for rate limits");
        _lostRaces = meter.CreateCounter<long>("cloudpatterns.gateway.rate_limit.lost_races", "{write}", "Lease writes another replica got in first");
        _decisions = meter.CreateCounter<long>("cloudpatterns.gateway.rate_limit.decisions", "{request}", "Rate-limit decisions");
    }

    public void StoreCall(string operation) => _storeCalls.Add(1, new KeyValuePair<string, object?>("operation", operation));

    public void LostRace() => _lostRaces.Add(1);

    /// <summary><paramref name="source"/>: lease (this replica's permits), store, or alone (the store unreachable).</summary>
    public void Decided(BudgetDecision decision, string source) =>
        _decisions.Add(1, new KeyValuePair<string, object?>("outcome", decision.Granted ? "granted" : "refused"), new KeyValuePair<string, object?>("source", source));
}
