// dotnet run -c Release -- --measure        exactness and store calls of shared budgets, replicas on a store with latency
// dotnet run -c Release -- --filter '*'     the BenchmarkDotNet run (CPU and managed allocations per request)
if (args.Contains("--measure"))
{
    await Measurement.ReportAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(AdmitBenchmarks).Assembly).Run(args);
