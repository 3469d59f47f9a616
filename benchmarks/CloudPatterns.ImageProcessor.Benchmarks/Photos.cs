namespace CloudPatterns.ImageProcessor.Benchmarks;

/// <summary>A photo-like test picture: smooth gradients with fine noise, which compresses and decodes like a real photo (flat colour would flatter the numbers).</summary>
public static class Photos
{
    public static byte[] Jpeg(int width, int height, int quality = 90)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var random = new Random(42);
        var pixels = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = (y * width + x) * 4;
                var noise = random.Next(-12, 13);
                pixels[i] = (byte)Math.Clamp(x * 255 / width + noise, 0, 255);
                pixels[i + 1] = (byte)Math.Clamp(y * 255 / height + noise, 0, 255);
                pixels[i + 2] = (byte)Math.Clamp((x + y) * 255 / (width + height) + noise, 0, 255);
                pixels[i + 3] = 255;
            }
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }
}
