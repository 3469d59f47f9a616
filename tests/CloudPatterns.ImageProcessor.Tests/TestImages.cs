namespace CloudPatterns.ImageProcessor.Tests;

/// <summary>Real images made in the test: plain photos-to-be, marked halves to check orientation, and broken files.</summary>
public static class TestImages
{
    /// <summary>Left half red, right half blue, so a test can tell which way up the output is.</summary>
    public static byte[] Halves(int width, int height, SKEncodedImageFormat format, int quality = 90, bool transparentRight = false)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Transparent);
        using var red = new SKPaint { Color = SKColors.Red };
        using var blue = new SKPaint { Color = transparentRight ? SKColors.Transparent : SKColors.Blue };
        canvas.DrawRect(0, 0, width / 2f, height, red);
        canvas.DrawRect(width / 2f, 0, width / 2f, height, blue);
        using var image = surface.Snapshot();
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>A JPEG in four quarters, red and blue over green and black, so a test can tell each turn and mirror apart.</summary>
    public static byte[] Quarters(int width, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        float halfWidth = width / 2f, halfHeight = height / 2f;
        foreach (var (x, y, colour) in new[] { (0f, 0f, SKColors.Red), (halfWidth, 0f, SKColors.Blue), (0f, halfHeight, SKColors.Lime), (halfWidth, halfHeight, SKColors.Black) })
        {
            using var paint = new SKPaint { Color = colour };
            canvas.DrawRect(x, y, halfWidth, halfHeight, paint);
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    public static byte[] Jpeg(int width, int height) => Halves(width, height, SKEncodedImageFormat.Jpeg);

    /// <summary>A PNG of opaque random pixels: it barely compresses, so its size is about width x height x 4 bytes.</summary>
    public static byte[] Noise(int width, int height, int seed = 7)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = new byte[width * height * 4];
        new Random(seed).NextBytes(pixels);
        for (var i = 3; i < pixels.Length; i += 4)
        {
            pixels[i] = 255;
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>A JPEG with an EXIF APP1 segment carrying only the orientation tag (1-8).</summary>
    public static byte[] WithOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff =
        [
            (byte)'I', (byte)'I', 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00, // little-endian TIFF, first IFD at 8
            0x01, 0x00,                                                 // one entry
            0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00,             // 0x0112 Orientation, SHORT, count 1
            (byte)orientation, 0x00, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00,                                     // no next IFD
        ];
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>A small, valid PNG whose header claims <paramref name="width"/> x <paramref name="height"/> (CRC fixed): a decompression bomb's calling card.</summary>
    public static byte[] PngClaiming(int width, int height)
    {
        var png = Halves(16, 16, SKEncodedImageFormat.Png);
        // Signature (8), IHDR length (4), "IHDR" (4), then width and height, then the CRC over type + data (17 bytes).
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        return png;
    }

    /// <summary>A whole PNG whose compressed pixels are overwritten with a pattern: complete, yet no decoder can inflate it.</summary>
    public static byte[] PngWithGarbledPixels()
    {
        var png = Noise(200, 200);
        var pixels = png.AsSpan().IndexOf("IDAT"u8);
        png.AsSpan(pixels + 100, 2000).Fill(0x55);
        return png;
    }

    /// <summary>A 1 x 1 GIF: a real image, in a format the function does not take.</summary>
    public static byte[] Gif =>
    [
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xFF, 0xFF, 0xFF,
        0x00, 0x00, 0x00, 0x21, 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00,
        0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
    ];

    public static SKBitmap Decode(byte[] image) => SKBitmap.Decode(image);

    /// <summary>Uploads product-service refuses before storing anything, each with the reason its 400 gives.</summary>
    public static TheoryData<string, byte[]> Unacceptable => new()
    {
        { "is empty", [] },
        { "is not an image (JPEG, PNG or WebP)", "<html>hello</html>"u8.ToArray() },
        { "is a Gif image; only JPEG, PNG and WebP are accepted", Gif },
        { "is 20000 x 20000 pixels, more than the 50000000 allowed", PngClaiming(20_000, 20_000) },
    };

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
