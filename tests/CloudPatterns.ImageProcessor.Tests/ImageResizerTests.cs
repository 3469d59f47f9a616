using CloudPatterns.ImageProcessor.Resizing;
using SkiaSharp;

namespace CloudPatterns.ImageProcessor.Tests;

public sealed class ImageResizerTests
{
    private static readonly int[] s_widths = [640, 1280, 1920];

    [Theory]
    [InlineData(4000, 3000, SKEncodedImageFormat.Jpeg)]
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
            Assert.Equal(0xFF, image.Jpeg[0]);
            Assert.Equal(0xD8, image.Jpeg[1]);
        }
    }

    [Fact]
    public void ASmallImageIsNeverUpscaled()
    {
        var resized = ImageResizer.Resize(TestImages.Jpeg(800, 600), s_widths, 80, 50_000_000);

        Assert.Equal([(640, 480), (800, 600), (800, 600)], resized.Select(r => (r.Width, r.Height)));
    }

    [Theory]
    [InlineData(1, 400, 200, "red-left")]
    [InlineData(3, 400, 200, "red-right")]
    [InlineData(6, 200, 400, "red-top")]
    [InlineData(8, 200, 400, "red-bottom")]
    public void TheExifOrientationIsAppliedAndTheTagIsGone(ushort orientation, int expectedWidth, int expectedHeight, string where)
    {
        var original = TestImages.WithOrientation(TestImages.Jpeg(400, 200), orientation);

        var image = ImageResizer.Resize(original, [640], 90, 50_000_000).Single();

        using var decoded = TestImages.Decode(image.Jpeg);
        Assert.Equal(expectedWidth, decoded.Width);
        Assert.Equal(expectedHeight, decoded.Height);
        var (redAt, blueAt) = where switch
        {
            "red-left" => ((50, 100), (350, 100)),
            "red-right" => ((350, 100), (50, 100)),
            "red-top" => ((100, 50), (100, 350)),
            _ => ((100, 350), (100, 50)),
        };
        Assert.True(decoded.GetPixel(redAt.Item1, redAt.Item2).Red > 200, "red where the upright picture is red");
        Assert.True(decoded.GetPixel(blueAt.Item1, blueAt.Item2).Blue > 200, "blue where the upright picture is blue");
        using var codec = SKCodec.Create(SKData.CreateCopy(image.Jpeg));
        Assert.Equal(SKEncodedOrigin.TopLeft, codec.EncodedOrigin);
        Assert.Equal(-1, image.Jpeg.AsSpan().IndexOf("Exif"u8));
    }

    [Fact]
    public void TransparencyBecomesWhite()
    {
        var image = ImageResizer.Resize(TestImages.Halves(800, 400, SKEncodedImageFormat.Png, transparentRight: true), [640], 90, 50_000_000).Single();

        using var decoded = TestImages.Decode(image.Jpeg);
        var right = decoded.GetPixel(600, 160);
        Assert.True(right.Red > 240 && right.Green > 240 && right.Blue > 240, $"{right}");
    }

    [Theory]
    [InlineData("random bytes", "not an image we can read")]
    [InlineData("truncated", "truncated")]
    [InlineData("gif", "Gif images are not accepted")]
    [InlineData("bomb", "more than the 50000000 allowed")]
    [InlineData("empty", "not an image we can read")]
    public void AnImageThatCanNeverBeResizedIsRefusedWithTheReason(string kind, string reason)
    {
        var original = kind switch
        {
            "random bytes" => Enumerable.Range(0, 5000).Select(i => (byte)(i * 31 % 251)).ToArray(),
            "truncated" => TestImages.Jpeg(1600, 1200) is var jpeg ? jpeg[..(jpeg.Length / 3)] : [],
            "gif" => TestImages.Gif,
            "bomb" => TestImages.PngClaiming(20_000, 20_000),
            _ => [],
        };

        var refusal = Assert.Throws<UnusableImageException>(() => ImageResizer.Resize(original, s_widths, 80, 50_000_000));

        Assert.Contains(reason, refusal.Message, StringComparison.Ordinal);
    }
}
