namespace CloudPatterns.Testing.Resiliency;

public enum BreakerState
{
    Closed,
    Open,
    HalfOpen,
}

/// <summary>
/// One circuit breaker as daprd keeps it, on the fabric's clock: sony/gobreaker v0.5.0 with a Dapr policy's
/// settings. Closed, every failure is counted and <c>trip</c> is evaluated; open, calls are refused until
/// <c>timeout</c> has passed; half-open, <c>maxRequests</c> calls may probe, and as many successes close it
/// while one failure opens it again. <c>interval</c> clears the counts while closed (0: never).
/// </summary>
/// <remarks>
/// https://github.com/dapr/dapr/blob/v1.18.3/pkg/resiliency/breaker/circuitbreaker.go#L29-L113 and
/// https://github.com/sony/gobreaker/blob/v0.5.0/gobreaker.go#L159-L380. A trip expression naming an unknown
/// variable fails to evaluate, and daprd then never trips (circuitbreaker.go L96-L100): so does this one.
/// </remarks>
public sealed class CircuitBreaker(BreakerTemplate template, TimeProvider time)
{
    private readonly Lock _gate = new();
    private BreakerCounts _counts = new();
    private BreakerState _state = BreakerState.Closed;
    private DateTimeOffset? _expiry = template.Interval > TimeSpan.Zero ? time.GetUtcNow() + template.Interval : null;

    public BreakerTemplate Template { get; } = template;

    public BreakerState State
    {
        get
        {
            lock (_gate)
            {
                return Current(time.GetUtcNow());
            }
        }
    }

    /// <summary>Failed calls counted since the breaker was created (for assertions).</summary>
    public int FailuresCounted { get; private set; }

    /// <summary>Asks to make a call; false when the breaker refuses it (open, or half-open with its probes taken).</summary>
    public bool TryEnter()
    {
        lock (_gate)
        {
            var state = Current(time.GetUtcNow());
            if (state == BreakerState.Open || (state == BreakerState.HalfOpen && _counts.Requests >= Template.MaxRequests))
            {
                return false;
            }

            _counts = _counts with { Requests = _counts.Requests + 1 };
            return true;
        }
    }

    public void Record(bool success)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var state = Current(now);
            if (!success)
            {
                FailuresCounted++;
            }

            _counts = success
                ? _counts with { TotalSuccesses = _counts.TotalSuccesses + 1, ConsecutiveSuccesses = _counts.ConsecutiveSuccesses + 1, ConsecutiveFailures = 0 }
                : _counts with { TotalFailures = _counts.TotalFailures + 1, ConsecutiveFailures = _counts.ConsecutiveFailures + 1, ConsecutiveSuccesses = 0 };

            switch (state)
            {
                case BreakerState.Closed when !success && Template.Trips(_counts):
                case BreakerState.HalfOpen when !success:
                    MoveTo(BreakerState.Open, now);
                    break;
                case BreakerState.HalfOpen when _counts.ConsecutiveSuccesses >= Template.MaxRequests:
                    MoveTo(BreakerState.Closed, now);
                    break;
            }
        }
    }

    private BreakerState Current(DateTimeOffset now)
    {
        switch (_state)
        {
            case BreakerState.Closed when _expiry is { } generationEnd && generationEnd <= now:
                _counts = new BreakerCounts();
                _expiry = now + Template.Interval;
                break;
            case BreakerState.Open when _expiry <= now:
                MoveTo(BreakerState.HalfOpen, now);
                break;
        }

        return _state;
    }

    private void MoveTo(BreakerState state, DateTimeOffset now)
    {
        _state = state;
        _counts = new BreakerCounts();
        _expiry = state switch
        {
            BreakerState.Open => now + Template.Timeout,
            BreakerState.Closed when Template.Interval > TimeSpan.Zero => now + Template.Interval,
            _ => null,
        };
    }
}

/// <summary>gobreaker's Counts, the variables a trip expression may read.</summary>
public sealed record BreakerCounts(int Requests = 0, int TotalSuccesses = 0, int TotalFailures = 0, int ConsecutiveSuccesses = 0, int ConsecutiveFailures = 0)
{
    public int? Variable(string name) => name switch
    {
        "requests" => Requests,
        "totalSuccesses" => TotalSuccesses,
        "totalFailures" => TotalFailures,
        "consecutiveSuccesses" => ConsecutiveSuccesses,
        "consecutiveFailures" => ConsecutiveFailures,
        _ => null,
    };
}

/// <summary>A circuitBreakers policy: the settings each breaker made from it starts with.</summary>
public sealed partial record BreakerTemplate(string Name, int MaxRequests, TimeSpan Interval, TimeSpan Timeout, string Trip)
{
    /// <summary>
    /// The trip expression over the counts. Supports comparisons of a variable with a number joined by &amp;&amp; and ||
    /// (what Dapr's documentation shows); anything else throws, so a policy the fabric cannot judge is noticed.
    /// An unknown variable evaluates to "does not trip", as in daprd.
    /// </summary>
    public bool Trips(BreakerCounts counts) =>
        Trip.Split("||").Any(any => any.Split("&&").All(all =>
        {
            var match = Comparison().Match(all.Trim());
            if (!match.Success)
            {
                throw new NotSupportedException($"Circuit breaker {Name}: the fabric cannot evaluate trip expression `{Trip}`.");
            }

            if (counts.Variable(match.Groups["name"].Value) is not { } value)
            {
                return false;
            }

            var limit = long.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture);
            return match.Groups["op"].Value switch
            {
                ">=" => value >= limit,
                ">" => value > limit,
                "<=" => value <= limit,
                "<" => value < limit,
                "==" => value == limit,
                _ => value != limit,
            };
        }));

    public static BreakerTemplate FromResource(string name, JsonNode? policy) => new(
        name,
        Math.Max(1, policy.Text("maxRequests") is { } requests ? int.Parse(requests, CultureInfo.InvariantCulture) : 0),
        Durations.Parse(policy.Text("interval")) ?? TimeSpan.Zero,
        Durations.Parse(policy.Text("timeout")) is { } timeout && timeout > TimeSpan.Zero ? timeout : TimeSpan.FromSeconds(60),
        policy.Text("trip") ?? "consecutiveFailures > 5");

    [GeneratedRegex(@"^\(?\s*(?<name>[A-Za-z]+)\s*(?<op>>=|<=|==|!=|>|<)\s*(?<number>\d+)\s*\)?$")]
    private static partial Regex Comparison();
}
