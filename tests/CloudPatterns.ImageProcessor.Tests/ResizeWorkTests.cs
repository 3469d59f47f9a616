using CloudPatterns.ImageProcessor.Resizing;
using Microsoft.Extensions.Options;

namespace CloudPatterns.ImageProcessor.Tests;

public sealed class ResizeWorkTests
{
    [Fact]
    public async Task AnOriginalOfExactlyTheAllowedBytesIsResizedAndOneByteMoreIsRefusedWithItsSize()
    {
        var original = TestImages.Jpeg(400, 200);
        using var exactly = Work(maxBytes: original.Length);
        using var oneLess = Work(maxBytes: original.Length - 1);

        var resized = await exactly.ResizeAsync(original, TestContext.Current.CancellationToken);
        var refusal = await Assert.ThrowsAsync<UnusableImageException>(() => oneLess.ResizeAsync(original, TestContext.Current.CancellationToken));

        Assert.Equal(400, Assert.Single(resized).Width);
        Assert.Equal($"{original.Length} bytes is more than the {original.Length - 1} allowed", refusal.Message);
    }

    [Fact]
    public async Task EveryResizeGivesItsSlotBackEvenWhenTheImageIsRefused()
    {
        using var work = Work(maxConcurrent: 1);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30)); // a safety net only: a slot never given back would hang the second resize

        await Assert.ThrowsAsync<UnusableImageException>(() => work.ResizeAsync(TestImages.Gif, deadline.Token));
        var first = await work.ResizeAsync(TestImages.Jpeg(400, 200), deadline.Token);
        var second = await work.ResizeAsync(TestImages.Jpeg(300, 200), deadline.Token);

        Assert.Equal(400, Assert.Single(first).Width);
        Assert.Equal(300, Assert.Single(second).Width);
    }

    private static ResizeWork Work(long maxBytes = 25 * 1024 * 1024, int maxConcurrent = 2) =>
        new(Options.Create(new ResizeOptions { Widths = [640], MaxBytes = maxBytes, MaxConcurrent = maxConcurrent }));
}
