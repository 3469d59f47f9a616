namespace CloudPatterns.ProductService.Images;

public enum ProductImageStatus
{
    /// <summary>The original is stored; image-processor is making the variants.</summary>
    Processing,

    /// <summary>The variants exist.</summary>
    Ready,
}
