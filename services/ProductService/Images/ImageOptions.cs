namespace CloudPatterns.ProductService.Images;

public sealed class ImageOptions
{
    public const string Section = "Images";

    [Range(1024, 100 * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Width x height above which an upload is refused from its header alone (a decompression bomb never gets decoded).</summary>
    [Range(1, 200_000_000)]
    public long MaxPixels { get; set; } = 50_000_000;
}
