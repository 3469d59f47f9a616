namespace CloudPatterns.ProductService.Images;

public enum UploadOutcome
{
    Accepted,
    NoSuchProduct,
    Refused,
}

/// <summary>How an upload went: accepted (with the image as recorded), no such product, or refused with the reason.</summary>
public sealed record UploadResult(UploadOutcome Outcome, ProductImage? Image = null, string? Problem = null);
