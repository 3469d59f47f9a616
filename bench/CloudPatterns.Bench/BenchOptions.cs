namespace CloudPatterns.Bench;

public sealed record BenchOptions(int Rounds, int DurationSeconds, bool SkipVariants, string? Compare, bool Reuse, bool GatewayOnly, string Command)
{
    public TimeSpan Duration => TimeSpan.FromSeconds(DurationSeconds);

    /// <summary>The apps this run publishes and measures: with --gateway-only, the gateway alone (its load against nginx, nothing else).</summary>
    public IReadOnlyList<App> Apps(string root) => GatewayOnly ? [.. App.All(root).Where(app => app.Name == "gateway")] : App.All(root);

    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var rounds = int.Parse(Value("--rounds") ?? "5", CultureInfo.InvariantCulture);
        var duration = int.Parse(Value("--duration") ?? "5", CultureInfo.InvariantCulture);
        return new BenchOptions(
            Math.Clamp(rounds, 1, 15), Math.Clamp(duration, 1, 30), args.Contains("--skip-variants"), Value("--compare"), args.Contains("--reuse"),
            args.Contains("--gateway-only"), "bench/run " + string.Join(' ', args));
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CloudPatterns.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("run from inside the repository (no CloudPatterns.sln above the current directory)");
    }
}

public sealed record Machine(string Cpu, int Cores, string Os, string Runtime, string MemoryGiB, DateTime At)
{
    public static Machine Describe()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var os = File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? "Linux";
        var memory = (long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024.0)
            .ToString("0", CultureInfo.InvariantCulture);
        return new Machine(cpu, Environment.ProcessorCount, os, $".NET {Environment.Version}", memory, DateTime.UtcNow);
    }
}
