namespace CloudPatterns.Bench;

/// <summary>The apps as they are at another commit (bench/run --compare main), published and measured in the same run as the working tree's.</summary>
public static class Baseline
{
    public static IEnumerable<Published> Publish(string root, string reference, string work, BenchOptions options)
    {
        var source = Path.Combine(work, "baseline-source");
        Directory.CreateDirectory(source);
        var (code, output) = Shell.Run("sh", ["-c", $"git -C '{root}' archive --format=tar '{reference.Replace("'", "", StringComparison.Ordinal)}' | tar -x -C '{source}'"], TimeSpan.FromMinutes(2));
        if (code != 0)
        {
            throw new InvalidOperationException($"git archive {reference} failed:\n{output}");
        }

        // The anchor is the working tree's: one empty API for both.
        return Publisher.PublishAll(source, options.Apps(source).Where(app => !app.IsAnchor).Select(app => app with { Name = $"{app.Name} ({reference})" }).ToList(),
            work, "baseline", []);
    }
}
