namespace CloudPatterns.Gateway.Benchmarks;

/// <summary>
/// What one shared budget costs and how exact it is, with real concurrency: replicas on one store whose every call
/// takes a round trip's time. Prints markdown tables (docs/benchmarks.md records them).
/// </summary>
public static class Measurement
{
    private const int Limit = 100;

    public static async Task ReportAsync()
    {
        Console.WriteLine($"Burst: one caller sends 200 requests at once to payments ({Limit}/h), spread over the replicas; LeaseSize 10.");
        Console.WriteLine();
        Console.WriteLine("| mechanism | replicas | store round trip | granted | over the limit | refused early | store calls | per granted request | lost races | added latency mean / p99 |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var latency in new[] { 1, 5 })
        {
            foreach (var replicas in new[] { 1, 2, 4 })
            {
                await BurstAsync(replicas, TimeSpan.FromMilliseconds(latency), perRequest: false);
                await BurstAsync(replicas, TimeSpan.FromMilliseconds(latency), perRequest: true);
            }
        }

        Console.WriteLine();
        Console.WriteLine("Steady: 200 callers, each sending its requests one after another (orders, 1000/h), round robin over the replicas; 2 ms round trip.");
        Console.WriteLine();
        Console.WriteLine("| mechanism | replicas | requests per caller | store calls per request | added latency mean / p99 |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var replicas in new[] { 1, 2, 4 })
        {
            foreach (var requests in new[] { 1, 10, 100 })
            {
                await SteadyAsync(replicas, requests, perRequest: false);
            }
        }

        await SteadyAsync(2, 10, perRequest: true);
    }

    private static async Task BurstAsync(int replicaCount, TimeSpan latency, bool perRequest)
    {
        var store = new SimulatedStore(latency);
        var limits = Replicas.Limits();
        var replicas = Replicas.Start(replicaCount, store, limits);
        var counters = Enumerable.Range(0, replicaCount).Select(_ => new PerRequestCounter(store, limits, TimeProvider.System)).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            await Task.Yield();
            var timer = Stopwatch.StartNew();
            var granted = perRequest
                ? await counters[i % replicaCount].AdmitAsync("user:ada", "payments")
                : (await replicas[i % replicaCount].AdmitAsync("user:ada", "payments", CancellationToken.None)).Granted;
            return (granted, timer.Elapsed);
        }));

        var granted = results.Count(r => r.granted);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {Name(perRequest)} | {replicaCount} | {latency.TotalMilliseconds} ms | {granted} | {Math.Max(0, granted - Limit)} | {Math.Max(0, Limit - granted)} "
            + $"| {store.Calls} | {(double)store.Calls / Math.Max(1, granted):0.00} | {store.LostRaces} | {Latency(results.Select(r => r.Elapsed))} |"));
    }

    private static async Task SteadyAsync(int replicaCount, int requestsPerCaller, bool perRequest)
    {
        var store = new SimulatedStore(TimeSpan.FromMilliseconds(2));
        var limits = Replicas.Limits();
        var replicas = Replicas.Start(replicaCount, store, limits);
        var counters = Enumerable.Range(0, replicaCount).Select(_ => new PerRequestCounter(store, limits, TimeProvider.System)).ToArray();

        var timings = await Task.WhenAll(Enumerable.Range(0, 200).Select(async caller =>
        {
            await Task.Yield();
            var elapsed = new List<TimeSpan>();
            for (var i = 0; i < requestsPerCaller; i++)
            {
                var timer = Stopwatch.StartNew();
                var granted = perRequest
                    ? await counters[(caller + i) % replicaCount].AdmitAsync($"user:{caller}", "orders")
                    : (await replicas[(caller + i) % replicaCount].AdmitAsync($"user:{caller}", "orders", CancellationToken.None)).Granted;
                elapsed.Add(timer.Elapsed);
                if (!granted)
                {
                    throw new InvalidOperationException("A steady caller under its limit was refused.");
                }
            }

            return elapsed;
        }));

        var all = timings.SelectMany(t => t).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {Name(perRequest)} | {replicaCount} | {requestsPerCaller} | {(double)store.Calls / all.Count:0.00} | {Latency(all)} |"));
    }

    private static string Name(bool perRequest) => perRequest ? "ETag write per request" : "leased slices";

    private static string Latency(IEnumerable<TimeSpan> samples)
    {
        var sorted = samples.Select(s => s.TotalMilliseconds).Order().ToList();
        var p99 = sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * 0.99) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"{sorted.Average():0.00} / {p99:0.0} ms");
    }
}
