namespace CloudPatterns.Bench;

/// <summary>The image function's work per photo, and vipsthumbnail's on the same photo (three widths, three runs of it).</summary>
public sealed record ImageResult(double MillisecondsPerPhoto, double PeakAboveBaselineMiB, double? VipsMillisecondsPerPhoto, string Output);

public static partial class ImageFunction
{
    private static readonly int[] s_widths = [640, 1280, 1920];

    /// <summary>Runs benchmarks/CloudPatterns.ImageProcessor.Benchmarks --peak-memory in a fresh process (ImageResizer, the function's code).</summary>
    public static ImageResult Measure(string root, string work, BenchOptions options)
    {
        var photo = Path.Combine(work, "photo.jpg");
        var project = Path.Combine(root, "benchmarks/CloudPatterns.ImageProcessor.Benchmarks");
        var (code, output) = Shell.Run("dotnet", ["run", "-c", "Release", "--project", project, "--", "--peak-memory", "--rounds", options.Rounds.ToString(CultureInfo.InvariantCulture), "--save-photo", photo],
            TimeSpan.FromMinutes(8));
        if (code != 0)
        {
            throw new InvalidOperationException($"image benchmark failed:\n{output}");
        }

        var median = double.Parse(Median().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var peak = double.Parse(Peak().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        return new ImageResult(median, peak, Vips(photo, work, options.Rounds), output.Trim());
    }

    /// <summary>vipsthumbnail makes one width per run, so a photo costs three runs (three decodes), as a function built on it would.</summary>
    private static double? Vips(string photo, string work, int rounds)
    {
        if (Shell.Run("sh", ["-c", "command -v vipsthumbnail"], TimeSpan.FromSeconds(5)).Code != 0)
        {
            Console.WriteLine("  vipsthumbnail is not installed (apt-get install libvips-tools): no comparison");
            return null;
        }

        var times = new List<double>();
        for (var round = 0; round <= rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            foreach (var width in s_widths)
            {
                var (code, output) = Shell.Run("vipsthumbnail", [photo, "--size", width.ToString(CultureInfo.InvariantCulture), "-o", Path.Combine(work, $"vips-{width}.jpg[Q=80]")],
                    TimeSpan.FromMinutes(1));
                if (code != 0)
                {
                    throw new InvalidOperationException($"vipsthumbnail failed:\n{output}");
                }
            }

            if (round > 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        return Math.Round(Startup.Median(times));
    }

    [GeneratedRegex(@"median of \d+ resizes: (\d+) ms")]
    private static partial Regex Median();

    [GeneratedRegex(@"peak above before (\d+) MiB")]
    private static partial Regex Peak();
}
