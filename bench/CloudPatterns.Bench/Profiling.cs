namespace CloudPatterns.Bench;

/// <summary>
/// bench/run --profile-gateway [anonymous]: the gateway of the last run's publish, with the loopback sidecar, loaded at
/// 32 connections with a token (or on the public catalog route without one) while a profiler attaches
/// (dotnet-trace collect -p PID; docs/performance.md).
/// </summary>
public static class Profiling
{
    public static async Task LoadGatewayAsync(string root, TimeSpan duration, bool anonymous)
    {
        var gateway = App.All(root).Single(a => a.Name == "gateway");
        var directory = Path.Combine(Path.GetDirectoryName(gateway.Project)!, "bin/bench-publish/apps/");
        var published = new Published(gateway, directory, Path.Combine(directory, "CloudPatterns.Gateway.dll"), 0);
        await using var sidecar = await FakeSidecar.StartAsync();
        using var process = GatewayLoad.StartWithSidecar(published, sidecar, new Dictionary<string, string>());
        await process.FirstAnswerAsync(TimeSpan.FromSeconds(30));
        Console.WriteLine($"gateway pid {process.Id} at {process.BaseAddress}; loading for {duration.TotalSeconds:0} s");
        var load = anonymous
            ? Wrk.Run("gateway anonymous", $"{process.BaseAddress}/api/products/p-1", 32, duration, null)
            : Wrk.Run("gateway with token", $"{process.BaseAddress}/api/orders/o-1", 32, duration, Tokens.Customer("bench-customer", FakeSidecar.SigningKey));
        Console.WriteLine($"{load.RequestsPerSecond:0} req/s, p50 {load.P50Microseconds:0} us");
    }
}
