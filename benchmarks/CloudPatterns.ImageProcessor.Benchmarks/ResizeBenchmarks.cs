namespace CloudPatterns.ImageProcessor.Benchmarks;

/// <summary>
/// The function's work for one photo: decode a 12-megapixel JPEG (4000 x 3000) and write the three widths at
/// quality 80. Managed allocations come from the memory diagnoser; native peak memory from `--peak-memory`.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class ResizeBenchmarks
{
    private static readonly int[] s_widths = [640, 1280, 1920];
    private byte[] _photo = [];

    [GlobalSetup]
    public void CreatePhoto() => _photo = Photos.Jpeg(4000, 3000);

    [Benchmark(Description = "12 MP JPEG → 640, 1280, 1920")]
    public int ResizeTwelveMegapixels() => ImageResizer.Resize(_photo, s_widths, 80, 50_000_000).Sum(r => r.Jpeg.Length);
}
