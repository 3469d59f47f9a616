namespace CloudPatterns.Bench;

/// <summary>An app's start-up: median time to the first 200 from /alive, resident memory idle and after load.</summary>
public sealed record StartupResult(string App, double StartMs, double IdleRssMiB, double LoadedRssMiB, double[] RoundsMs);

public static class Startup
{
    /// <summary>Settle time after the first answer before idle memory is read (start-up work that runs on after it).</summary>
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Rounds interleave the apps (round 1: every app once, then round 2 ...), so a burst of load on the machine
    /// falls on all of them. The last round also loads the probe with 32 connections and reads memory after.
    /// </summary>
    public static async Task<List<StartupResult>> MeasureAsync(IReadOnlyList<Published> apps, BenchOptions options,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var times = apps.ToDictionary(a => a.App.Name, _ => new List<double>());
        var idle = apps.ToDictionary(a => a.App.Name, _ => new List<double>());
        var loaded = new Dictionary<string, double>();
        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var app in apps)
            {
                using var process = AppProcess.Start(app, environment ?? new Dictionary<string, string>());
                times[app.App.Name].Add((await process.FirstAnswerAsync(TimeSpan.FromSeconds(30))).TotalMilliseconds);
                await Task.Delay(s_settle);
                idle[app.App.Name].Add(process.RssMiB());
                if (round == options.Rounds - 1)
                {
                    Wrk.Run(app.App.Name, process.Probe, 32, options.Duration);
                    loaded[app.App.Name] = process.RssMiB();
                }
            }
        }

        return apps.Select(a => new StartupResult(a.App.Name, Median(times[a.App.Name]), Math.Round(Median(idle[a.App.Name]), 1),
            Math.Round(loaded[a.App.Name], 1), times[a.App.Name].Select(t => Math.Round(t)).ToArray())).ToList();
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return Math.Round(sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2, 1);
    }
}
