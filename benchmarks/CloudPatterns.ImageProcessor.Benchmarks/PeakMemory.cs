namespace CloudPatterns.ImageProcessor.Benchmarks;

/// <summary>
/// Peak resident memory of one resize, native buffers included (which the memory diagnoser does not see):
/// Linux's high-water mark (VmHWM) is reset through /proc/self/clear_refs before the resize and read after.
/// </summary>
public static class PeakMemory
{
    /// <param name="rounds">Resizes timed after the first; their median is reported too (bench/run reads it).</param>
    /// <param name="savePhoto">Where to write the photo, so another tool can resize the same bytes (bench/run times vipsthumbnail on it).</param>
    public static void Report(int rounds = 0, string? savePhoto = null)
    {
        var photo = Photos.Jpeg(4000, 3000);
        if (savePhoto is not null)
        {
            File.WriteAllBytes(savePhoto, photo);
        }

        int[] widths = [640, 1280, 1920];
        // Warm up on a small picture (load the native library, JIT the code) without leaving big buffers around.
        ImageResizer.Resize(Photos.Jpeg(320, 240), widths, 80, 50_000_000);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = ReadKilobytes("VmRSS");
        File.WriteAllText("/proc/self/clear_refs", "5");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var outputs = ImageResizer.Resize(photo, widths, 80, 50_000_000);
        var elapsed = started.Elapsed;
        var peak = ReadKilobytes("VmHWM");

        Console.WriteLine($"input: 4000 x 3000 JPEG, {photo.Length / 1024} KiB; outputs: {string.Join(", ", outputs.Select(o => $"{o.Width}x{o.Height} {o.Jpeg.Length / 1024} KiB"))}");
        Console.WriteLine($"one resize: {elapsed.TotalMilliseconds:0} ms; resident before {before / 1024} MiB, peak {peak / 1024} MiB, peak above before {(peak - before) / 1024} MiB");
        if (rounds > 0)
        {
            var times = Enumerable.Range(0, rounds).Select(_ =>
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                ImageResizer.Resize(photo, widths, 80, 50_000_000);
                return watch.Elapsed.TotalMilliseconds;
            }).Order().ToArray();
            Console.WriteLine($"median of {rounds} resizes: {times[rounds / 2]:0} ms");
        }
    }

    private static long ReadKilobytes(string field) =>
        File.ReadLines("/proc/self/status").Where(l => l.StartsWith(field + ":", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture))
            .Single();
}
