namespace CloudPatterns.Bench;

public static class Report
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>
    /// &lt;stamp&gt;.json, and for a whole run latest.json, latest.md (the tables docs/performance.md shows) and latest.png
    /// (the goals); a --gateway-only run leaves the latest whole run's files as they are.
    /// </summary>
    public static void Write(BenchResults results, string directory, string stamp)
    {
        Directory.CreateDirectory(directory);
        var json = JsonSerializer.Serialize(results, s_json);
        var markdown = Markdown(results);
        File.WriteAllText(Path.Combine(directory, $"{stamp}.json"), json);
        if (!results.Options.GatewayOnly)
        {
            File.WriteAllText(Path.Combine(directory, "latest.json"), json);
            File.WriteAllText(Path.Combine(directory, "latest.md"), markdown);
            if (results.Goals.Count > 0)
            {
                Chart.Draw(results, Path.Combine(directory, "latest.png"));
            }
        }

        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"results: {Path.Combine(directory, $"{stamp}.json")}{(results.Options.GatewayOnly ? "" : " (and latest.json, latest.md, latest.png)")}");
    }

    private static string Markdown(BenchResults r)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"Machine: {r.Machine.Cpu}, {r.Machine.Cores} cores, {r.Machine.MemoryGiB} GiB, {r.Machine.Os}, {r.Machine.Runtime}; {r.Machine.At:yyyy-MM-dd HH:mm} UTC; `{r.Options.Command.Trim()}`, {r.Seconds:0} s.");
        text.AppendLine();
        var before = r.Options.Compare is { } reference ? $" {reference} |" : "";
        text.AppendLine(inv, $"| goal |{before} now | limit | met |");
        text.AppendLine(r.Options.Compare is null ? "|---|---|---|---|" : "|---|---|---|---|---|");
        foreach (var goal in r.Goals)
        {
            var was = r.Options.Compare is null ? "" : $" {goal.Before:0.00} |";
            text.AppendLine(inv, $"| {goal.Name} |{was} {goal.Measured:0.00} | {(goal.AtMost ? "≤" : "≥")} {goal.Limit:0.0#} | {(goal.Met ? "yes" : "**no**")} |");
        }

        text.AppendLine();
        text.AppendLine("| app | start to first answer, median (ms) | rounds (ms) | idle RSS (MiB) | RSS after load (MiB) | publish (MiB) |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var s in r.Startup)
        {
            var size = r.Sizes.FirstOrDefault(z => z.App == s.App)?.PublishMiB;
            text.AppendLine(inv, $"| {s.App} | {s.StartMs:0} | {string.Join(' ', s.RoundsMs)} | {s.IdleRssMiB:0.0} | {s.LoadedRssMiB:0.0} | {size:0.0} |");
        }

        if (r.Gateway is { } gateway)
        {
            text.AppendLine();
            text.AppendLine(string.Join("; ", gateway.Memory.Select(m => string.Create(inv, $"{m.Gateway} with its sidecar: idle {m.IdleRssMiB:0.0} MiB, after the load below {m.LoadedRssMiB:0.0} MiB"))) + ".");
            LoadTable(text, "target", gateway.Loads);
        }

        if (r.Intake is { } intake)
        {
            text.AppendLine();
            text.AppendLine(string.Join("; ", intake.Outbox.Select(o => string.Create(inv, $"{o.OrderService}: {o.Accepted} orders accepted, {o.OutboxMessages} outbox messages"))) + ".");
            LoadTable(text, "order intake (POST /orders → 202)", intake.Loads);
        }

        if (r.Variants.Count > 0)
        {
            var anchor = r.Startup.Single(s => s.App == "empty-api");
            text.AppendLine();
            text.AppendLine("| gateway published/run with | setting | start (ms) | / empty API | idle RSS (MiB) | / empty API | anonymous req/s (32) | p50 at 1 conn. (µs) | RSS after load (MiB) | publish (MiB) |");
            text.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
            foreach (var v in r.Variants)
            {
                text.AppendLine(inv, $"| {v.Name} | `{v.Setting}` | {v.StartMs:0} | {v.StartMs / anchor.StartMs:0.00} | {v.IdleRssMiB:0.0} | {v.IdleRssMiB / anchor.IdleRssMiB:0.00} | {v.RequestsPerSecond:0} | {v.P50Microseconds:0} | {v.LoadedRssMiB:0.0} | {v.PublishMiB:0.0} |");
            }
        }

        if (r.Image is { } image)
        {
            text.AppendLine();
            text.AppendLine(inv, $"Image function: {image.MillisecondsPerPhoto:0} ms per 12 MP photo (three widths, median), peak {image.PeakAboveBaselineMiB:0} MiB above the process's baseline; vipsthumbnail on the same photo: {(image.VipsMillisecondsPerPhoto is { } vips ? $"{vips:0} ms (three runs)" : "not installed")}.");
        }

        return text.ToString();
    }

    private static void LoadTable(StringBuilder text, string firstColumn, IEnumerable<Load> loads)
    {
        text.AppendLine();
        text.AppendLine($"| {firstColumn} | connections | requests/s | p50 (µs) | p99 (µs) | errors |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var l in loads)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {l.Target} | {l.Connections} | {l.RequestsPerSecond:0} | {l.P50Microseconds:0} | {l.P99Microseconds:0} | {l.Errors} |");
        }
    }
}
