// bench/run [--rounds N] [--duration S] [--skip-variants] [--compare REF] [--gateway-only] | --profile-gateway [anonymous]: see docs/performance.md.
var options = BenchOptions.Parse(args);
var root = BenchOptions.RepositoryRoot();
if (args.Contains("--profile-gateway"))
{
    // For a profiler: the gateway as the last run published it, loaded for 30 s with a token (or anonymously).
    await Profiling.LoadGatewayAsync(root, TimeSpan.FromSeconds(30), args.Contains("anonymous"));
    return;
}

var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
var work = Path.Combine(Path.GetTempPath(), $"cloudpatterns-bench-{stamp}");
var results = new BenchResults { Machine = Machine.Describe(), Options = options };
var started = System.Diagnostics.Stopwatch.StartNew();
try
{
    Log("publishing every app and the anchor in Release for linux-x64");
    var published = Publisher.PublishAll(root, options.Apps(root), work, "apps", [], options.Reuse);
    if (options.Compare is { } baseline)
    {
        Log($"publishing every app as it is at {baseline} (git archive), for before and after in the same run");
        published.AddRange(Baseline.Publish(root, baseline, work, options));
    }

    results.Sizes = published.Select(p => new Size(p.App.Name, Math.Round(p.MiB, 1))).ToList();

    if (!options.GatewayOnly)
    {
        Log($"start-up, {options.Rounds} rounds of every app, no sidecar");
        results.Startup = await Startup.MeasureAsync(published, options);
    }

    await using var sidecar = await FakeSidecar.StartAsync();
    using (var nginx = await Nginx.StartAsync(Path.Combine(work, "nginx"), sidecar.HttpPort))
    {
        var gateways = published.Where(p => p.App.Name.StartsWith("gateway", StringComparison.Ordinal)).ToList();
        Log("gateway against nginx and the upstream, anonymous and with a token, 1 and 32 connections");
        results.Gateway = await GatewayLoad.MeasureAsync(gateways, sidecar, nginx, options);
        if (!options.SkipVariants && !options.GatewayOnly)
        {
            Log("gateway under each publish and runtime setting");
            results.Variants = await Variants.MeasureAsync(root, gateways[0].App, work, sidecar, options);
        }
    }

    if (!options.GatewayOnly)
    {
        Log("order intake: POST /orders with a customer's token, 1 and 32 connections");
        results.Intake = await OrderIntakeLoad.MeasureAsync(
            published.Where(p => p.App.Name.StartsWith("order-service", StringComparison.Ordinal)).ToList(), sidecar, options);

        Log("image function: one 12 MP photo into three widths");
        results.Image = ImageFunction.Measure(root, work, options);
    }

    results.Goals = Goals.Evaluate(results);
}
finally
{
    results.Seconds = Math.Round(started.Elapsed.TotalSeconds);
    Report.Write(results, Path.Combine(root, "bench/results"), stamp);
    try
    {
        Directory.Delete(work, recursive: true);
    }
    catch (IOException)
    {
    }
}

static void Log(string message) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
