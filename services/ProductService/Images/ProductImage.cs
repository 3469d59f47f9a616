namespace CloudPatterns.ProductService.Images;

/// <summary>An image of a product: the original's key and size, and once processed, its variants.</summary>
public sealed record ProductImage(
    string UploadId,
    string OriginalKey,
    string ContentType,
    int Width,
    int Height,
    ProductImageStatus Status,
    IReadOnlyList<ImageVariant> Variants,
    DateTimeOffset UploadedAt,
    DateTimeOffset? ProcessedAt = null);

public enum ProductImageStatus
{
    /// <summary>The original is stored; image-processor is making the variants.</summary>
    Processing,

    /// <summary>The variants exist.</summary>
    Ready,
}
