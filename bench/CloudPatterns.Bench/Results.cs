namespace CloudPatterns.Bench;

/// <summary>Everything one run measured; written as bench/results/&lt;timestamp&gt;.json and latest.json.</summary>
public sealed class BenchResults
{
    public required Machine Machine { get; init; }

    public required BenchOptions Options { get; init; }

    public double Seconds { get; set; }

    public List<Size> Sizes { get; set; } = [];

    public List<StartupResult> Startup { get; set; } = [];

    public GatewayResult? Gateway { get; set; }

    public List<VariantResult> Variants { get; set; } = [];

    public IntakeResult? Intake { get; set; }

    public ImageResult? Image { get; set; }

    public List<Goal> Goals { get; set; } = [];
}

/// <summary>The app layer of an app's image: its publish folder.</summary>
public sealed record Size(string App, double PublishMiB);

/// <summary>A goal of issue 14 as a ratio: met when the measured ratio is at most (or at least) the limit; Before: the same ratio for --compare's apps.</summary>
public sealed record Goal(string Name, double Measured, double Limit, bool AtMost, double? Before = null)
{
    public bool Met => AtMost ? Measured <= Limit : Measured >= Limit;
}

public static class Goals
{
    /// <summary>Each goal for the working tree's apps, with the same ratio for the baseline's apps (named "app (ref)") beside it.</summary>
    public static List<Goal> Evaluate(BenchResults results)
    {
        var now = Ratios(results, "");
        if (results.Options.Compare is not { } reference)
        {
            return now;
        }

        var before = Ratios(results, $" ({reference})").ToDictionary(g => g.Name);
        return now.Select(g => g with { Before = before.GetValueOrDefault(g.Name)?.Measured }).ToList();
    }

    private static List<Goal> Ratios(BenchResults results, string suffix)
    {
        var goals = new List<Goal>();
        // With --gateway-only nothing was started alone: no start-up goals.
        if (results.Startup.SingleOrDefault(s => s.App == "empty-api") is { } anchor)
        {
            foreach (var app in results.Startup.Where(s => !s.App.Equals("empty-api", StringComparison.Ordinal) && s.App.EndsWith(suffix, StringComparison.Ordinal) && (suffix.Length > 0 || !s.App.Contains(' ', StringComparison.Ordinal))))
            {
                var name = app.App[..^suffix.Length];
                goals.Add(new Goal($"{name}: start-up / empty API", Ratio(app.StartMs, anchor.StartMs), 1.5, AtMost: true));
                goals.Add(new Goal($"{name}: idle RSS / empty API", Ratio(app.IdleRssMiB, anchor.IdleRssMiB), 1.3, AtMost: true));
            }
        }

        if (results.Gateway is { } gateway && gateway.Loads.Any(l => l.Target == $"gateway anonymous{suffix}"))
        {
            Load At(string target, int connections) => gateway.Loads.Single(l => l.Target == target && l.Connections == connections);
            var nginx = At("nginx", 32).RequestsPerSecond;
            goals.Add(new Goal("gateway anonymous: throughput / nginx (32 conn.)", Ratio(At($"gateway anonymous{suffix}", 32).RequestsPerSecond, nginx), 0.7, AtMost: false));
            goals.Add(new Goal("gateway with token: throughput / nginx (32 conn.)", Ratio(At($"gateway with token{suffix}", 32).RequestsPerSecond, nginx), 0.6, AtMost: false));
            var direct = At("upstream", 1).P50Microseconds;
            var nginxAdded = At("nginx", 1).P50Microseconds - direct;
            goals.Add(new Goal("gateway anonymous: added p50 / nginx's (1 conn.)", Ratio(At($"gateway anonymous{suffix}", 1).P50Microseconds - direct, nginxAdded), 2, AtMost: true));
            goals.Add(new Goal("gateway with token: added p50 / nginx's (1 conn.)", Ratio(At($"gateway with token{suffix}", 1).P50Microseconds - direct, nginxAdded), 2, AtMost: true));
        }

        if (suffix.Length == 0 && results.Image is { VipsMillisecondsPerPhoto: { } vips } image)
        {
            goals.Add(new Goal("image function: time per photo / vipsthumbnail's", Ratio(image.MillisecondsPerPhoto, vips), 1, AtMost: true));
        }

        return goals;
    }

    private static double Ratio(double value, double anchor) => Math.Round(value / anchor, 2);
}
