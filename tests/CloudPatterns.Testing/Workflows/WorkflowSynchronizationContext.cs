namespace CloudPatterns.Testing.Workflows;

/// <summary>
/// Runs one workflow instance's code one callback at a time, in order, like the runtime runs a workflow on
/// one logical thread. Each queued callback counts as work in flight for the fabric's quiet-wait, so a
/// workflow that has something to do keeps the fabric busy, and one blocked on a timer or an external
/// event lets it go quiet.
/// </summary>
internal sealed class WorkflowSynchronizationContext(
    ActivityTracker activity, string label, Action beginTurn, Func<bool> stopped, Action<Exception> crashed)
    : SynchronizationContext
{
    private readonly Lock _gate = new();
    private readonly Queue<(SendOrPostCallback Callback, object? State, IDisposable Busy)> _queue = new();
    private bool _draining;

    public override void Post(SendOrPostCallback d, object? state)
    {
        var busy = activity.Begin(label);
        lock (_gate)
        {
            _queue.Enqueue((d, state, busy));
            if (_draining)
            {
                return;
            }

            _draining = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(_ => Drain(), null);
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Workflow code runs asynchronously on its own context.");

    public override SynchronizationContext CreateCopy() => this;

    private void Drain()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            while (true)
            {
                (SendOrPostCallback Callback, object? State, IDisposable Busy) next;
                lock (_gate)
                {
                    if (!_queue.TryDequeue(out next))
                    {
                        _draining = false;
                        return;
                    }
                }

                using (next.Busy)
                {
                    if (!stopped())
                    {
                        beginTurn();
                        try
                        {
                            next.Callback(next.State);
                        }
                        catch (Exception ex)
                        {
                            crashed(ex);
                        }
                    }
                }
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }
}
