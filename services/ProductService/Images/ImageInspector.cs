namespace CloudPatterns.ProductService.Images;

/// <summary>
/// Decides what an upload is from its bytes, never its name or declared type: JPEG, PNG or WebP, read from the
/// header only (no pixels decoded), with the pixel count checked there so a small file that unpacks into a
/// huge bitmap is refused before anyone decodes it.
/// </summary>
public static class ImageInspector
{
    public static (InspectedImage? Image, string? Problem) Inspect(byte[] content, long maxPixels)
    {
        if (content.Length == 0)
        {
            return (null, "is empty");
        }

        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return (null, "is not an image (JPEG, PNG or WebP)");
        }

        var (contentType, extension) = codec.EncodedFormat switch
        {
            SKEncodedImageFormat.Jpeg => ("image/jpeg", "jpg"),
            SKEncodedImageFormat.Png => ("image/png", "png"),
            SKEncodedImageFormat.Webp => ("image/webp", "webp"),
            _ => (null, null),
        };
        if (contentType is null)
        {
            return (null, $"is a {codec.EncodedFormat} image; only JPEG, PNG and WebP are accepted");
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        return (long)width * height > maxPixels
            ? (null, $"is {width} x {height} pixels, more than the {maxPixels} allowed")
            : (new InspectedImage(contentType, extension!, width, height), null);
    }
}

/// <summary>What an upload turned out to be, read from its content: type, file extension, size in pixels.</summary>
public sealed record InspectedImage(string ContentType, string Extension, int Width, int Height);
