namespace CloudPatterns.ImageProcessor.Resizing;

/// <summary>The guide's function settings: 640, 1280 and 1920 wide, JPEG quality 80; and the bounds on one image's work.</summary>
public sealed class ResizeOptions
{
    public const string Section = "Images";

    /// <summary>From configuration (640, 1280, 1920 in appsettings.json): a default here would be added to, not replaced by, the configured list.</summary>
    [Required, MinLength(1)]
    public int[] Widths { get; set; } = [];

    [Range(1, 100)]
    public int JpegQuality { get; set; } = 80;

    /// <summary>Larger originals are refused before decoding: width x height bounds the memory one image can take.</summary>
    [Range(1, 200_000_000)]
    public long MaxPixels { get; set; } = 50_000_000;

    [Range(1, 200 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>Images resized at once; with MaxPixels this caps the process's peak memory.</summary>
    [Range(1, 64)]
    public int MaxConcurrent { get; set; } = 2;

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
