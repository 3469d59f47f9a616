namespace CloudPatterns.ImageProcessor.Tests;

public sealed class ImageKeysTests
{
    [Theory]
    [InlineData("originals/LAMP-DESK-LED/img_1.png", "processed/640/LAMP-DESK-LED/img_1.jpg")]
    [InlineData("originals/LAMP-DESK-LED/img_1.webp", "processed/640/LAMP-DESK-LED/img_1.jpg")]
    [InlineData("imports/LAMP-DESK-LED/img_1.png", "processed/640/imports/LAMP-DESK-LED/img_1.jpg")]
    public void AVariantLivesUnderItsWidthAtTheOriginalsPathAsAJpeg(string original, string variant) =>
        Assert.Equal(variant, ImageKeys.Processed(640, original));
}
