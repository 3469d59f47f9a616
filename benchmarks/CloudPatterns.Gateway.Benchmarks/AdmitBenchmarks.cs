namespace CloudPatterns.Gateway.Benchmarks;

/// <summary>
/// The gateway's own CPU and allocations per request for its two limits, with a store that answers at once (its
/// round trips are the Measurement's business): a permit from the replica's lease, a refusal it already knows of,
/// and a first request (two leases, each a read and an insert).
/// </summary>
[MemoryDiagnoser]
public class AdmitBenchmarks
{
    private const int NewCallers = 100;

    private SharedBudgets _replica = null!;
    private RateLimitOptions _limits = null!;

    [GlobalSetup]
    public void Setup()
    {
        _limits = Replicas.Limits(leaseSize: 1000);
        _limits.Global.PermitLimit = 1_000_000_000;
        _limits.Families["orders"].PermitLimit = 1_000_000_000;
        _replica = Replicas.Start(1, new SimulatedStore(TimeSpan.Zero), _limits)[0];
        for (var i = 0; i < 200; i++)
        {
            _replica.AdmitAsync("user:used-up", "payments", CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
    }

    [Benchmark(Baseline = true, Description = "granted from the lease")]
    public ValueTask<BudgetDecision> FromTheLease() => _replica.AdmitAsync("user:ada", "orders", CancellationToken.None);

    [Benchmark(Description = "refused, window known used up")]
    public ValueTask<BudgetDecision> UsedUp() => _replica.AdmitAsync("user:used-up", "payments", CancellationToken.None);

    /// <summary>On a fresh replica and store each time: callers a replica holds budgets for stay in memory for their window.</summary>
    [Benchmark(Description = "first request of a caller (2 leases)", OperationsPerInvoke = NewCallers)]
    public async Task FirstRequests()
    {
        var replica = Replicas.Start(1, new SimulatedStore(TimeSpan.Zero), _limits)[0];
        for (var i = 0; i < NewCallers; i++)
        {
            await replica.AdmitAsync($"ip:198.51.100.{i}", "orders", CancellationToken.None);
        }
    }
}
