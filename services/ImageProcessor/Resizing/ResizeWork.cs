namespace CloudPatterns.ImageProcessor.Resizing;

/// <summary>Runs resizes off the request thread, a few at a time and each within the time limit, so one image cannot take the process down.</summary>
public sealed class ResizeWork(IOptions<ResizeOptions> options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrent, options.Value.MaxConcurrent);

    /// <summary>Resizes taking a slot now, counting those past the time limit whose callers have stopped waiting.</summary>
    public int Running => options.Value.MaxConcurrent - _slots.CurrentCount;

    public Task<IReadOnlyList<ResizedImage>> ResizeAsync(byte[] original, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (original.LongLength > settings.MaxBytes)
        {
            throw new UnusableImageException($"{original.LongLength} bytes is more than the {settings.MaxBytes} allowed");
        }

        return RunAsync(() => ImageResizer.Resize(original, settings.Widths, settings.JpegQuality, settings.MaxPixels), cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a free slot; past the time limit the caller gets a <see cref="TimeoutException"/>
    /// (and the event is retried). A decode cannot be interrupted, so the slot stays taken until the work really ends:
    /// giving it back at the deadline would let more images than MaxConcurrent be decoded at once, just when the
    /// machine is too slow already.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        var running = Task.Run(work, CancellationToken.None);
        _ = running.ContinueWith(_ => _slots.Release(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return await running.WaitAsync(options.Value.Timeout, time, cancellationToken);
    }

    public void Dispose() => _slots.Dispose();
}
