namespace CloudPatterns.ImageProcessor.Resizing;

/// <summary>Where things live: the guide's processed/{width}/{key} in the images store, and a receipt per finished upload in image-processor-store.</summary>
public static class ImageKeys
{
    /// <summary>originals/{sku}/{upload}.png → {sku}/{upload}.jpg: the key the variants share, always JPEG.</summary>
    private static string VariantKey(string originalKey)
    {
        var key = originalKey.StartsWith("originals/", StringComparison.Ordinal) ? originalKey["originals/".Length..] : originalKey;
        return Path.ChangeExtension(key, ".jpg");
    }

    public static string Processed(int width, string originalKey) => $"processed/{width}/{VariantKey(originalKey)}";

    public static string Receipt(string uploadId) => $"receipt:{uploadId}";
}
