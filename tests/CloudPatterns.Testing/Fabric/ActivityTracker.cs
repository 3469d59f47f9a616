namespace CloudPatterns.Testing.Fabric;

/// <summary>
/// Counts work in flight in the fabric (deliveries, workflow steps), so a test can wait until everything
/// that was set in motion has finished instead of sleeping.
/// </summary>
public sealed class ActivityTracker
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, string> _inFlight = [];
    private TaskCompletionSource _quiet = CompletedSource();
    private long _next;

    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight.Count;
            }
        }
    }

    /// <summary>Marks the start of a piece of work; dispose the result when it is done.</summary>
    public IDisposable Begin(string description)
    {
        lock (_gate)
        {
            var id = ++_next;
            if (_inFlight.Count == 0)
            {
                _quiet = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            _inFlight[id] = description;
            return new Scope(this, id);
        }
    }

    /// <summary>Completes when nothing is in flight. Fails after <paramref name="timeout"/> (wall clock) naming what is stuck.</summary>
    public async Task WaitForQuietAsync(TimeSpan timeout)
    {
        // Work that finishes may start more work from a continuation; settle until quiet twice in a row.
        for (var settled = 0; settled < 2;)
        {
            Task quiet;
            lock (_gate)
            {
                quiet = _quiet.Task;
            }

            try
            {
                await quiet.WaitAsync(timeout);
            }
            catch (TimeoutException)
            {
                string[] stuck;
                lock (_gate)
                {
                    stuck = [.. _inFlight.Values];
                }

                throw new TimeoutException($"The fabric did not go quiet within {timeout}. Still in flight: {string.Join("; ", stuck)}");
            }

            await Task.Yield();
            lock (_gate)
            {
                settled = _inFlight.Count == 0 ? settled + 1 : 0;
            }
        }
    }

    private void End(long id)
    {
        lock (_gate)
        {
            if (_inFlight.Remove(id) && _inFlight.Count == 0)
            {
                _quiet.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource CompletedSource()
    {
        var source = new TaskCompletionSource();
        source.SetResult();
        return source;
    }

    private sealed class Scope(ActivityTracker tracker, long id) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                tracker.End(id);
            }
        }
    }
}
