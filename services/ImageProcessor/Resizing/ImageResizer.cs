namespace CloudPatterns.ImageProcessor.Resizing;

/// <summary>
/// Decodes an original once and writes a JPEG per width: the EXIF orientation applied (so the picture stands
/// the way the camera meant), aspect ratio kept, never upscaled (a width above the original's comes out at the
/// original's), transparency flattened onto white, and no metadata carried over (Skia's encoder writes none).
/// The pixel count is checked from the header before anything is decoded, and JPEGs are decoded at the
/// smallest scale that still covers the largest width, so a 12-megapixel photo never costs 12 megapixels twice.
/// </summary>
public static class ImageResizer
{
    private static readonly SKEncodedImageFormat[] s_accepted = [SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Png, SKEncodedImageFormat.Webp];

    public static IReadOnlyList<ResizedImage> Resize(byte[] original, IReadOnlyList<int> widths, int jpegQuality, long maxPixels)
    {
        using var data = SKData.CreateCopy(original);
        using var codec = SKCodec.Create(data) ?? throw new UnusableImageException("the file is not an image we can read");
        if (!s_accepted.Contains(codec.EncodedFormat))
        {
            throw new UnusableImageException($"{codec.EncodedFormat} images are not accepted (JPEG, PNG or WebP only)");
        }

        var info = codec.Info;
        if ((long)info.Width * info.Height > maxPixels)
        {
            throw new UnusableImageException($"{info.Width} x {info.Height} pixels is more than the {maxPixels} allowed");
        }

        var origin = codec.EncodedOrigin;
        var uprightWidth = SwapsAxes(origin) ? info.Height : info.Width;
        var largest = Math.Min(widths.Max(), uprightWidth);

        using var decoded = Decode(codec, info, (float)largest / uprightWidth);
        using var turned = origin == SKEncodedOrigin.TopLeft ? null : Orient(decoded, origin);
        var upright = turned ?? decoded;
        return widths.Select(width => Encode(upright, width, uprightWidth, jpegQuality)).ToList();
    }

    private static SKBitmap Decode(SKCodec codec, SKImageInfo info, float neededScale)
    {
        var size = codec.GetScaledDimensions(Math.Clamp(neededScale, 0f, 1f));
        if (size.Width < info.Width * neededScale || size.Height < info.Height * neededScale)
        {
            size = info.Size;
        }

        var target = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(target);
        var result = codec.GetPixels(target, bitmap.GetPixels());
        if (result is not SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new UnusableImageException(result == SKCodecResult.IncompleteInput ? "the image is truncated" : $"the image could not be decoded ({result})");
        }

        return bitmap;
    }

    /// <summary>Redraws the stored pixels the way EXIF says they are meant to be seen (x', y' for each of the 8 origins).</summary>
    private static SKBitmap Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        float w = bitmap.Width, h = bitmap.Height;
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),     // mirrored: x' = w - x
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1), // rotated 180
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),   // flipped: y' = h - y
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),       // transposed: x' = y, y' = x
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),     // turned 90 clockwise: x' = h - y, y' = x
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1), // transversed: x' = h - y, y' = w - x
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),   // turned 90 anticlockwise: x' = y, y' = w - x
            _ => SKMatrix.Identity,
        };

        var upright = SwapsAxes(origin)
            ? new SKBitmap(bitmap.Height, bitmap.Width, bitmap.ColorType, bitmap.AlphaType)
            : new SKBitmap(bitmap.Width, bitmap.Height, bitmap.ColorType, bitmap.AlphaType);
        using var canvas = new SKCanvas(upright);
        using var image = SKImage.FromBitmap(bitmap);
        canvas.SetMatrix(matrix);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return upright;
    }

    /// <summary>The four origins stored turned a quarter: the upright picture's width is the stored height.</summary>
    private static bool SwapsAxes(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    private static ResizedImage Encode(SKBitmap upright, int targetWidth, int originalUprightWidth, int quality)
    {
        var width = Math.Min(targetWidth, Math.Min(originalUprightWidth, upright.Width));
        var height = Math.Max(1, (int)Math.Round((double)upright.Height * width / upright.Width));
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var image = SKImage.FromBitmap(upright);
        canvas.DrawImage(image, new SKRect(0, 0, width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var snapshot = surface.Snapshot();
        using var jpeg = snapshot.Encode(SKEncodedImageFormat.Jpeg, quality);
        return new ResizedImage(targetWidth, width, height, jpeg.ToArray());
    }
}

/// <summary>One output: the width asked for, the size it came out at (never larger than the original), and the JPEG.</summary>
public sealed record ResizedImage(int TargetWidth, int Width, int Height, byte[] Jpeg);

/// <summary>The original can never be resized (not an image, corrupt, truncated, too large): the event is dropped.</summary>
public sealed class UnusableImageException(string reason) : Exception(reason);
