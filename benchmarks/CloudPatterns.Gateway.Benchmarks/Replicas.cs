namespace CloudPatterns.Gateway.Benchmarks;

/// <summary>Gateway replicas as far as rate limits go: each its own <see cref="SharedBudgets"/>, all on one store.</summary>
public static class Replicas
{
    private static readonly IMeterFactory s_meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    /// <summary>The guide's limits in appsettings.json: payments 100/h, orders 1000/h, 5000/h in all.</summary>
    public static RateLimitOptions Limits(int leaseSize = 10) => new()
    {
        Global = new RateLimit { PermitLimit = 5000 },
        Families = new Dictionary<string, RateLimit>(StringComparer.Ordinal)
        {
            ["payments"] = new() { PermitLimit = 100 },
            ["orders"] = new() { PermitLimit = 1000 },
        },
        LeaseSize = leaseSize,
    };

    public static SharedBudgets[] Start(int count, ISharedWindowStore store, RateLimitOptions limits) =>
        Enumerable.Range(0, count)
            .Select(_ => new SharedBudgets(store, Options.Create(limits), TimeProvider.System, new RateLimitMetrics(s_meters), NullLogger<SharedBudgets>.Instance))
            .ToArray();
}
