using BenchmarkDotNet.Running;
using CloudPatterns.ImageProcessor.Benchmarks;

// dotnet run -c Release -- --peak-memory      one resize, with its native peak memory
// dotnet run -c Release -- --filter '*'       the BenchmarkDotNet run (throughput, managed allocations)
if (args.Contains("--peak-memory"))
{
    PeakMemory.Report();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ResizeBenchmarks).Assembly).Run(args);
