using System.Threading.RateLimiting;

namespace CloudPatterns.Gateway.RateLimiting;

/// <summary>
/// A fixed window counter that reads the time from a TimeProvider (the built-in limiters run on their own
/// timers, so tests could not move their clock). Counting happens under a lock, so concurrent requests can
/// never take more than the limit; there is no queue - a request over the limit is refused at once with
/// the time left in the window.
/// </summary>
public sealed class ClockedFixedWindowLimiter(RateLimit limit, TimeProvider time) : RateLimiter
{
    private readonly Lock _gate = new();
    private DateTimeOffset _windowStart = time.GetUtcNow();
    private DateTimeOffset _lastUsed = time.GetUtcNow();
    private int _used;

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                var now = time.GetUtcNow();
                return now >= _windowStart + limit.Window ? now - _lastUsed : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            Roll(time.GetUtcNow());
            return new RateLimiterStatistics { CurrentAvailablePermits = limit.PermitLimit - _used };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            Roll(now);
            _lastUsed = now;
            if (_used + permitCount > limit.PermitLimit)
            {
                return new ClockedLease(false, _windowStart + limit.Window - now);
            }

            _used += permitCount;
            return new ClockedLease(true, null);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    /// <summary>Moves to the window that contains <paramref name="now"/>; windows follow each other from the first request.</summary>
    private void Roll(DateTimeOffset now)
    {
        if (now < _windowStart + limit.Window)
        {
            return;
        }

        var elapsedWindows = (now - _windowStart).Ticks / limit.Window.Ticks;
        _windowStart += TimeSpan.FromTicks(elapsedWindows * limit.Window.Ticks);
        _used = 0;
    }
}
