using Microsoft.Extensions.Options;

namespace CloudPatterns.ImageProcessor.Resizing;

/// <summary>Runs resizes off the request thread, a few at a time and each within the time limit, so one image cannot take the process down.</summary>
public sealed class ResizeWork(IOptions<ResizeOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrent, options.Value.MaxConcurrent);

    public async Task<IReadOnlyList<ResizedImage>> ResizeAsync(byte[] original, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (original.LongLength > settings.MaxBytes)
        {
            throw new UnusableImageException($"{original.LongLength} bytes is more than the {settings.MaxBytes} allowed");
        }

        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => ImageResizer.Resize(original, settings.Widths, settings.JpegQuality, settings.MaxPixels), cancellationToken)
                .WaitAsync(settings.Timeout, cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
