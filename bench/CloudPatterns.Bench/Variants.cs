namespace CloudPatterns.Bench;

/// <summary>One publish or runtime setting, measured on the gateway: start-up, idle memory, anonymous load and memory after it.</summary>
public sealed record VariantResult(string Name, string Setting, double StartMs, double IdleRssMiB, double RequestsPerSecond, double P50Microseconds, double LoadedRssMiB, double PublishMiB);

public static class Variants
{
    private sealed record Variant(string Name, string Setting, string[] Properties, Dictionary<string, string> Environment);

    /// <summary>
    /// Publish settings (ReadyToRun) need their own publish; GC and JIT settings are the runtime's DOTNET_ variables,
    /// which override runtimeconfig.json, on the ReadyToRun publish.
    /// </summary>
    private static readonly Variant[] s_variants =
    [
        new("JIT only", "PublishReadyToRun=false", ["-p:PublishReadyToRun=false"], []),
        new("ReadyToRun", "PublishReadyToRun=true", ["-p:PublishReadyToRun=true"], []),
        new("R2R, TieredPGO off", "DOTNET_TieredPGO=0", ["-p:PublishReadyToRun=true"], new() { ["DOTNET_TieredPGO"] = "0" }),
        new("R2R, TC off", "DOTNET_TieredCompilation=0", ["-p:PublishReadyToRun=true"], new() { ["DOTNET_TieredCompilation"] = "0" }),
        new("R2R, Server GC, DATAS off", "DOTNET_gcServer=1, DOTNET_GCDynamicAdaptationMode=0", ["-p:PublishReadyToRun=true"],
            new() { ["DOTNET_gcServer"] = "1", ["DOTNET_GCDynamicAdaptationMode"] = "0" }),
        new("R2R, Server GC + DATAS", "DOTNET_gcServer=1", ["-p:PublishReadyToRun=true"], new() { ["DOTNET_gcServer"] = "1" }),
        new("R2R, Workstation GC", "DOTNET_gcServer=0", ["-p:PublishReadyToRun=true"], new() { ["DOTNET_gcServer"] = "0" }),
        new("R2R, Workstation, non-concurrent", "DOTNET_gcServer=0, DOTNET_gcConcurrent=0", ["-p:PublishReadyToRun=true"],
            new() { ["DOTNET_gcServer"] = "0", ["DOTNET_gcConcurrent"] = "0" }),
    ];

    public static async Task<List<VariantResult>> MeasureAsync(string root, App gateway, string work, FakeSidecar sidecar, BenchOptions options)
    {
        var publishes = new Dictionary<string, Published>(StringComparer.Ordinal);
        var results = new List<VariantResult>();
        foreach (var variant in s_variants)
        {
            var key = string.Join(' ', variant.Properties);
            if (!publishes.TryGetValue(key, out var published))
            {
                published = publishes[key] = Publisher.PublishAll(root, [gateway], work, $"variant-{publishes.Count}", variant.Properties, options.Reuse).Single();
            }

            var startup = (await Startup.MeasureAsync([published], options with { DurationSeconds = 1 }, variant.Environment)).Single();
            using var process = GatewayLoad.StartWithSidecar(published, sidecar, variant.Environment);
            await process.FirstAnswerAsync(TimeSpan.FromSeconds(30));
            var url = $"{process.BaseAddress}/api/products/p-1";
            Wrk.Run(variant.Name, url, 32, TimeSpan.FromSeconds(2));
            var load = Wrk.Run(variant.Name, url, 32, options.Duration);
            var single = Wrk.Run(variant.Name, url, 1, options.Duration);
            var result = new VariantResult(variant.Name, variant.Setting, startup.StartMs, startup.IdleRssMiB, load.RequestsPerSecond,
                single.P50Microseconds, Math.Round(process.RssMiB(), 1), Math.Round(published.MiB, 1));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {variant.Name,-34} start {result.StartMs,6:0} ms  idle {result.IdleRssMiB,6:0.0} MiB  {result.RequestsPerSecond,7:0} req/s  p50(c=1) {result.P50Microseconds,5:0} us  loaded {result.LoadedRssMiB,6:0.0} MiB"));
            results.Add(result);
        }

        return results;
    }
}
