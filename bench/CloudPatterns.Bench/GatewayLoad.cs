using System.Globalization;

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
    /// Each target gets a warm-up run (32 connections), then 1 and 32 connections: the upstream directly, nginx in
    /// front of it, and each gateway on a public route without a token (GET /api/products/..) and on a user route with
    /// a valid customer token (GET /api/orders/..).
    /// </summary>
    public static async Task<GatewayResult> MeasureAsync(IReadOnlyList<Published> gateways, FakeSidecar sidecar, Nginx nginx, BenchOptions options)
    {
        const string path = "/v1.0/invoke/product-service/method/products/p-1";
        var loads = new List<Load>();
        loads.AddRange(Measure("upstream", $"http://127.0.0.1:{sidecar.HttpPort}{path}", null, options));
        loads.AddRange(Measure("nginx", $"http://127.0.0.1:{nginx.Port}{path}", null, options));
        var memory = new List<GatewayMemory>();
        var token = Tokens.Customer("bench-customer", FakeSidecar.SigningKey);
        foreach (var gateway in gateways)
        {
            using var process = StartWithSidecar(gateway, sidecar, new Dictionary<string, string>());
            await process.FirstAnswerAsync(TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(2));
            var idle = process.RssMiB();
            var suffix = gateway.App.Name["gateway".Length..];
            loads.AddRange(Measure($"gateway anonymous{suffix}", $"{process.BaseAddress}/api/products/p-1", null, options));
            loads.AddRange(Measure($"gateway with token{suffix}", $"{process.BaseAddress}/api/orders/o-1", token, options));
            memory.Add(new GatewayMemory(gateway.App.Name, Math.Round(idle, 1), Math.Round(process.RssMiB(), 1)));
        }

        return new GatewayResult(loads, memory);
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
