namespace CloudPatterns.ImageProcessor.Tests;

public sealed class ImageResizerTests
{
    private static readonly int[] s_widths = [640, 1280, 1920];

    [Theory]
    [InlineData(4000, 3000, SKEncodedImageFormat.Jpeg)]
    [InlineData(3000, 2000, SKEncodedImageFormat.Jpeg)] // the nearest eighth a JPEG decodes at, 5/8, would be 1875 wide: decoded whole
    [InlineData(2400, 1600, SKEncodedImageFormat.Png)]
    [InlineData(3000, 2000, SKEncodedImageFormat.Webp)]
    public void ALargeImageComesOutAtEachWidthWithItsAspectRatio(int width, int height, SKEncodedImageFormat format)
    {
        var resized = ImageResizer.Resize(TestImages.Halves(width, height, format), s_widths, 80, 50_000_000);

        Assert.Equal([640, 1280, 1920], resized.Select(r => r.Width));
        foreach (var image in resized)
        {
            using var decoded = TestImages.Decode(image.Jpeg);
            Assert.Equal(image.Width, decoded.Width);
            Assert.Equal(image.Height, decoded.Height);
            Assert.Equal((double)width / height, (double)image.Width / image.Height, 2);
            AssertColour("red", decoded.GetPixel(image.Width / 4, image.Height / 2));
            AssertColour("blue", decoded.GetPixel(image.Width * 3 / 4, image.Height / 2));
            Assert.Equal(0xFF, image.Jpeg[0]);
            Assert.Equal(0xD8, image.Jpeg[1]);
        }
    }

    [Fact]
    public void AWideBannerStillFillsTheLargestWidth()
    {
        // 1920 of 3000 is 0.64: at 5/8 the banner would decode 1875 wide (its 32 rows would be enough), so it is decoded whole.
        var resized = ImageResizer.Resize(TestImages.Jpeg(3000, 50), s_widths, 80, 50_000_000);

        Assert.Equal([(640, 11), (1280, 21), (1920, 32)], resized.Select(r => (r.Width, r.Height)));
    }

    [Fact]
    public void ASmallImageIsNeverUpscaled()
    {
        var resized = ImageResizer.Resize(TestImages.Jpeg(800, 600), s_widths, 80, 50_000_000);

        Assert.Equal([(640, 480), (800, 600), (800, 600)], resized.Select(r => (r.Width, r.Height)));
    }

    /// <summary>
    /// A 400 x 200 photo stored red, blue over green, black, with each EXIF orientation: the upright picture's four
    /// quarters (top-left, top-right, bottom-left, bottom-right) as the orientation's definition turns them.
    /// </summary>
    [Theory]
    [InlineData(1, 400, 200, "red", "blue", "green", "black")]
    [InlineData(2, 400, 200, "blue", "red", "black", "green")]
    [InlineData(3, 400, 200, "black", "green", "blue", "red")]
    [InlineData(4, 400, 200, "green", "black", "red", "blue")]
    [InlineData(5, 200, 400, "red", "green", "blue", "black")]
    [InlineData(6, 200, 400, "green", "red", "black", "blue")]
    [InlineData(7, 200, 400, "black", "blue", "green", "red")]
    [InlineData(8, 200, 400, "blue", "black", "red", "green")]
    public void TheExifOrientationIsAppliedAndTheTagIsGone(
        ushort orientation, int expectedWidth, int expectedHeight, string topLeft, string topRight, string bottomLeft, string bottomRight)
    {
        var original = TestImages.WithOrientation(TestImages.Quarters(400, 200), orientation);

        var image = ImageResizer.Resize(original, [640], 90, 50_000_000).Single();

        using var decoded = TestImages.Decode(image.Jpeg);
        Assert.Equal(expectedWidth, decoded.Width);
        Assert.Equal(expectedHeight, decoded.Height);
        int left = expectedWidth / 4, right = expectedWidth * 3 / 4, top = expectedHeight / 4, bottom = expectedHeight * 3 / 4;
        AssertColour(topLeft, decoded.GetPixel(left, top));
        AssertColour(topRight, decoded.GetPixel(right, top));
        AssertColour(bottomLeft, decoded.GetPixel(left, bottom));
        AssertColour(bottomRight, decoded.GetPixel(right, bottom));
        using var codec = SKCodec.Create(SKData.CreateCopy(image.Jpeg));
        Assert.Equal(SKEncodedOrigin.TopLeft, codec.EncodedOrigin);
        Assert.Equal(-1, image.Jpeg.AsSpan().IndexOf("Exif"u8));
    }

    [Fact]
    public void APhotoStoredOnItsSideIsResizedByItsUprightWidthAndNeverUpscaled()
    {
        // A camera held upright writes 2560 x 1000 pixels and orientation 6: the picture is 1000 wide and 2560 high, so
        // the 1280 variant is the whole picture (taking the stored width would decode at half size and give 500).
        var original = TestImages.WithOrientation(TestImages.Jpeg(2560, 1000), 6);

        var resized = ImageResizer.Resize(original, [640, 1280], 80, 50_000_000);

        Assert.Equal([(640, 1638), (1000, 2560)], resized.Select(r => (r.Width, r.Height)));
    }

    [Fact]
    public void AnImageOfExactlyTheAllowedPixelsIsResizedAndOnePixelMoreIsRefused()
    {
        var original = TestImages.Jpeg(200, 100);

        var resized = ImageResizer.Resize(original, [640], 80, maxPixels: 200 * 100);
        var refusal = Assert.Throws<UnusableImageException>(() => ImageResizer.Resize(original, [640], 80, maxPixels: (200 * 100) - 1));

        Assert.Equal(200, resized.Single().Width);
        Assert.Equal(100, resized.Single().Height);
        Assert.Equal("200 x 100 pixels is more than the 19999 allowed", refusal.Message);
    }

    [Fact]
    public void TransparencyBecomesWhite()
    {
        var image = ImageResizer.Resize(TestImages.Halves(800, 400, SKEncodedImageFormat.Png, transparentRight: true), [640], 90, 50_000_000).Single();

        using var decoded = TestImages.Decode(image.Jpeg);
        var right = decoded.GetPixel(600, 160);
        Assert.True(right.Red > 240 && right.Green > 240 && right.Blue > 240, $"{right}");
    }

    /// <summary>Originals no run could ever resize (random bytes, a truncated JPEG, garbled pixels, a GIF, a bomb, nothing), each with the reason it is refused.</summary>
    public static TheoryData<string, byte[]> Unresizable => new()
    {
        { "not an image we can read", Enumerable.Range(0, 5000).Select(i => (byte)(i * 31 % 251)).ToArray() },
        { "the image is truncated", TestImages.Jpeg(1600, 1200) is var jpeg ? jpeg[..(jpeg.Length / 3)] : [] },
        { "the image could not be decoded (ErrorInInput)", TestImages.PngWithGarbledPixels() },
        { "Gif images are not accepted", TestImages.Gif },
        { "more than the 50000000 allowed", TestImages.PngClaiming(20_000, 20_000) },
        { "not an image we can read", [] },
    };

    [Theory, MemberData(nameof(Unresizable))]
    public void AnImageThatCanNeverBeResizedIsRefusedWithTheReason(string reason, byte[] original)
    {
        var refusal = Assert.Throws<UnusableImageException>(() => ImageResizer.Resize(original, s_widths, 80, 50_000_000));

        Assert.Contains(reason, refusal.Message, StringComparison.Ordinal);
    }

    /// <summary>A JPEG's pixel is near, not at, the colour drawn: each channel well on or well off.</summary>
    private static void AssertColour(string expected, SKColor pixel)
    {
        var (red, green, blue) = expected switch
        {
            "red" => (true, false, false),
            "green" => (false, true, false),
            "blue" => (false, false, true),
            _ => (false, false, false),
        };
        Assert.True(Is(pixel.Red, red) && Is(pixel.Green, green) && Is(pixel.Blue, blue), $"expected {expected}, found {pixel}");

        static bool Is(byte channel, bool on) => on ? channel > 200 : channel < 60;
    }
}
