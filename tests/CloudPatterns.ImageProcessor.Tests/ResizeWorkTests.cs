namespace CloudPatterns.ImageProcessor.Tests;

public sealed class ResizeWorkTests
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new();

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

    [Fact]
    public async Task WorkStillRunningAtTheTimeLimitIsATimeoutAndNotATickBefore()
    {
        using var work = Work();
        var held = new HeldWork();

        var waiting = work.RunAsync(held.Run, TestContext.Current.CancellationToken);
        await held.Started;
        _time.Advance(TimeLimit - TimeSpan.FromTicks(1));
        var beforeTheLimit = waiting.IsCompleted;
        _time.Advance(TimeSpan.FromTicks(1));
        // Answered at once on the fake clock; a limit kept on the wall clock would still be 30 real seconds away.
        await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));

        Assert.False(beforeTheLimit);
        Assert.True(waiting.IsCompleted, "the time limit runs on the app's TimeProvider");
        await Assert.ThrowsAsync<TimeoutException>(() => waiting);
        Assert.Equal(1, work.Running); // of two slots: the work goes on past its caller's time limit
        held.Finish();
    }

    [Fact]
    public async Task TimedOutWorkKeepsItsSlotUntilItEndsSoNoMoreRunAtOnceThanAllowed()
    {
        using var work = Work(maxConcurrent: 1);
        var slow = new HeldWork();

        var timedOut = work.RunAsync(slow.Run, TestContext.Current.CancellationToken);
        await slow.Started;
        _time.Advance(TimeLimit);
        await Assert.ThrowsAsync<TimeoutException>(() => timedOut);
        var runningAfterTheTimeout = work.Running;
        var queued = work.RunAsync(() => 2, TestContext.Current.CancellationToken);
        var queuedRanBeforeTheSlowOneEnded = queued.IsCompleted;
        slow.Finish();

        Assert.Equal(1, runningAfterTheTimeout);
        Assert.False(queuedRanBeforeTheSlowOneEnded);
        Assert.Equal(2, await queued);
    }

    private ResizeWork Work(long maxBytes = 25 * 1024 * 1024, int maxConcurrent = 2) =>
        new(Options.Create(new ResizeOptions { Widths = [640], MaxBytes = maxBytes, MaxConcurrent = maxConcurrent, Timeout = TimeLimit }), _time);

    /// <summary>Work that runs until the test lets it finish, saying when it has started.</summary>
    private sealed class HeldWork
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _finish = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => _started.Task;

        public int Run()
        {
            _started.SetResult();
            _finish.Task.Wait(TestContext.Current.CancellationToken);
            return 1;
        }

        public void Finish() => _finish.SetResult();
    }
}
