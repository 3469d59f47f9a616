// dotnet run -c Release -- --peak-memory      one resize, with its native peak memory
//   [--rounds N] [--save-photo path]           then the median of N more resizes; the photo written for other tools
// dotnet run -c Release -- --filter '*'       the BenchmarkDotNet run (throughput, managed allocations)
if (args.Contains("--peak-memory"))
{
    string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    PeakMemory.Report(int.Parse(Value("--rounds") ?? "0", System.Globalization.CultureInfo.InvariantCulture), Value("--save-photo"));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ResizeBenchmarks).Assembly).Run(args);
