namespace CloudPatterns.PaymentProviderSimulator;

/// <summary>The knobs in force (configuration, unless overridden at run time), the failure dice, and a request count.</summary>
public sealed class SimulatorSettings(IOptionsMonitor<SimulatorOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Random _dice = options.CurrentValue.Seed is { } seed ? new Random(seed) : new Random();
    private Knobs? _override;
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private int _failNext;
    private int _requests;

    public Knobs Current => (_override ?? Knobs.From(options.CurrentValue)) with { FailNext = _failNext };

    /// <summary>Requests that reached the provider's API (rejected by the dice or not).</summary>
    public int Requests => _requests;

    public void Override(Knobs knobs)
    {
        lock (_gate)
        {
            _override = knobs with { FailNext = 0 };
            _failNext = knobs.FailNext;
        }
    }

    /// <summary>Completes once <paramref name="count"/> requests have arrived (for tests and demos that wait on the provider).</summary>
    public Task RequestsReached(int count)
    {
        lock (_gate)
        {
            if (_requests >= count)
            {
                return Task.CompletedTask;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, waiter));
            return waiter.Task;
        }
    }

    /// <summary>Counts a request as it arrives.</summary>
    public void CountRequest()
    {
        lock (_gate)
        {
            _requests++;
            foreach (var waiter in _waiters.Where(w => w.Count <= _requests).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Reached.TrySetResult();
            }
        }
    }

    /// <summary>Decides whether a request fails.</summary>
    public bool RollFailure()
    {
        lock (_gate)
        {
            if (_failNext > 0)
            {
                _failNext--;
                return true;
            }

            var rate = (_override ?? Knobs.From(options.CurrentValue)).FailureRate;
            return rate > 0 && _dice.NextDouble() < rate;
        }
    }
}

/// <summary>
/// The runtime-adjustable knobs (PUT /simulator/settings), to watch payment-service's breaker work:
/// a failure rate, a latency, a number of next requests that fail for certain, and the status a failing
/// request is answered with (503 unless set: an overloaded provider; 500, 502, 429 … to see how each is taken).
/// </summary>
public sealed record Knobs(double FailureRate, TimeSpan Latency, int FailNext = 0, int FailureStatus = StatusCodes.Status503ServiceUnavailable)
{
    public static Knobs From(SimulatorOptions options) => new(options.FailureRate, options.Latency);
}
