namespace CloudPatterns.Bench;

public sealed record GatewayResult(List<Load> Loads, List<GatewayMemory> Memory);

public sealed record GatewayMemory(string Gateway, double IdleRssMiB, double LoadedRssMiB);

public static class GatewayLoad
{
    /// <summary>Limits high enough that a benchmark run is never throttled (the store is still asked, as in production).</summary>
    public static readonly IReadOnlyDictionary<string, string> Environment = new[] { "Global", "Families__orders", "Families__payments", "Families__catalog", "Families__general" }
        .Select(limit => KeyValuePair.Create($"Gateway__RateLimits__{limit}__PermitLimit", "10000000"))
        .ToDictionary();

    /// <summary>
    /// How long each gateway is loaded on both of its routes before either is measured. The JIT recompiles hot code
    /// for seconds after start (tiered compilation, dynamic PGO); with only each target's own 2 s warm-up, the route
    /// measured first (anonymous) was measured on code still being compiled and read about half what the same
    /// route read when measured later. A gateway in production runs for days: steady state is compared with nginx.
    /// </summary>
    private static readonly TimeSpan s_jitWarmUp = TimeSpan.FromSeconds(6);

    /// <summary>
    /// The upstream directly and nginx in front of it, then every gateway at once (each started, warmed up on both
    /// routes, <see cref="s_jitWarmUp"/>), measured in turns: a public route without a token (GET /api/products/..)
    /// and a user route with a valid customer token (GET /api/orders/..), at 1 and 32 connections, for
    /// <see cref="BenchOptions.Rounds"/> rounds whose order of gateways alternates, so that no build is always the
    /// one measured first. Each figure is the round with the median throughput.
    /// </summary>
    public static async Task<GatewayResult> MeasureAsync(IReadOnlyList<Published> gateways, FakeSidecar sidecar, Nginx nginx, BenchOptions options)
    {
        const string path = "/v1.0/invoke/product-service/method/products/p-1";
        var loads = new List<Load>();
        loads.AddRange(Measure("upstream", $"http://127.0.0.1:{sidecar.HttpPort}{path}", null, options));
        loads.AddRange(Measure("nginx", $"http://127.0.0.1:{nginx.Port}{path}", null, options));
        var token = Tokens.Customer("bench-customer", FakeSidecar.SigningKey);
        var running = new List<(Published Gateway, AppProcess Process)>();
        try
        {
            foreach (var gateway in gateways)
            {
                var process = StartWithSidecar(gateway, sidecar, new Dictionary<string, string>());
                running.Add((gateway, process));
                await process.FirstAnswerAsync(TimeSpan.FromSeconds(30));
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
            var idleRss = running.Select(r => r.Process.RssMiB()).ToList();
            foreach (var (_, process) in running)
            {
                Wrk.Run("jit warm-up", $"{process.BaseAddress}/api/products/p-1", 32, s_jitWarmUp / 2);
                Wrk.Run("jit warm-up", $"{process.BaseAddress}/api/orders/o-1", 32, s_jitWarmUp / 2, token);
            }

            var rounds = new List<Load>();
            for (var round = 0; round < options.Rounds; round++)
            {
                foreach (var (gateway, process) in round % 2 == 0 ? running : Enumerable.Reverse(running))
                {
                    var suffix = gateway.App.Name["gateway".Length..];
                    rounds.AddRange(Measure($"gateway anonymous{suffix}", $"{process.BaseAddress}/api/products/p-1", null, options));
                    rounds.AddRange(Measure($"gateway with token{suffix}", $"{process.BaseAddress}/api/orders/o-1", token, options));
                }
            }

            loads.AddRange(rounds.GroupBy(l => (l.Target, l.Connections))
                .Select(g => g.OrderBy(l => l.RequestsPerSecond).ElementAt(g.Count() / 2)));
            var memory = running.Zip(idleRss, (r, idle) => new GatewayMemory(r.Gateway.App.Name, Math.Round(idle, 1), Math.Round(r.Process.RssMiB(), 1))).ToList();
            return new GatewayResult(loads, memory);
        }
        finally
        {
            foreach (var (_, process) in running)
            {
                process.Dispose();
            }
        }
    }

    private static List<Load> Measure(string target, string url, string? bearer, BenchOptions options)
    {
        var loads = new List<Load>();
        Wrk.Run(target, url, 32, TimeSpan.FromSeconds(2), bearer);
        foreach (var connections in new[] { 1, 32 })
        {
            var load = Wrk.Run(target, url, connections, options.Duration, bearer);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {target,-28} c={connections,-3} {load.RequestsPerSecond,8:0} req/s  p50 {load.P50Microseconds,7:0} us  p99 {load.P99Microseconds,7:0} us  errors {load.Errors}"));
            loads.Add(load);
        }

        return loads;
    }

    /// <summary>The gateway (as published) against the loopback sidecar, with the benchmark's limits and <paramref name="extra"/>.</summary>
    public static AppProcess StartWithSidecar(Published gateway, FakeSidecar sidecar, IReadOnlyDictionary<string, string> extra)
    {
        var environment = new Dictionary<string, string>(Environment);
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }

        return sidecar.Start(gateway, environment);
    }
}
