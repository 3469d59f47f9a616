namespace CloudPatterns.Gateway.RateLimiting;

/// <summary>
/// This replica's part of one caller's budget for one limit: the permits it leased from the shared window and has
/// not granted yet, whether the shared window is known to be used up (then refusals cost no store call), and a
/// window of its own for when the store cannot be reached.
/// </summary>
public sealed class ReplicaBudget
{
    private readonly Lock _gate = new();
    private DateTimeOffset _leaseEnd;
    private int _leased;
    private DateTimeOffset _usedUpUntil;
    private DateTimeOffset _ownEnd;
    private int _ownUsed;

    /// <summary>One lease at a time per replica: concurrent requests wait for it and then share what it brought.</summary>
    public SemaphoreSlim Leasing { get; } = new(1, 1);

    /// <summary>A permit from what this replica holds, a refusal it already knows of, or null: ask the store.</summary>
    public BudgetDecision? TryLocal(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (now < _leaseEnd && _leased > 0)
            {
                _leased--;
                return new BudgetDecision(true, TimeSpan.Zero, this, _leaseEnd);
            }

            return now < _usedUpUntil ? BudgetDecision.Refused(_usedUpUntil - now) : null;
        }
    }

    /// <summary>The store granted <paramref name="permits"/> from the window ending at <paramref name="windowEnd"/>; one is this request's.</summary>
    public BudgetDecision Leased(DateTimeOffset windowEnd, int permits)
    {
        lock (_gate)
        {
            (_leaseEnd, _leased) = (windowEnd, permits - 1);
            return new BudgetDecision(true, TimeSpan.Zero, this, windowEnd);
        }
    }

    /// <summary>The shared window has nothing left: refuse locally until it ends.</summary>
    public BudgetDecision UsedUp(DateTimeOffset windowEnd, DateTimeOffset now)
    {
        lock (_gate)
        {
            (_usedUpUntil, _leased) = (windowEnd, 0);
            return BudgetDecision.Refused(windowEnd - now);
        }
    }

    /// <summary>The store is unreachable: count in this replica's own fixed window, to the full limit.</summary>
    public BudgetDecision OnItsOwn(RateLimit limit, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (now >= _ownEnd)
            {
                (_ownEnd, _ownUsed) = (now + limit.Window, 0);
            }

            if (_ownUsed >= limit.PermitLimit)
            {
                return BudgetDecision.Refused(_ownEnd - now);
            }

            _ownUsed++;
            return new BudgetDecision(true, TimeSpan.Zero, this, _ownEnd);
        }
    }

    public void GiveBack(BudgetDecision decision)
    {
        lock (_gate)
        {
            if (decision.WindowEnd == _leaseEnd)
            {
                _leased++;
            }
            else if (decision.WindowEnd == _ownEnd && _ownUsed > 0)
            {
                _ownUsed--;
            }
        }
    }

    /// <summary>Nothing here matters any more: no permits held, nothing known, no lease in progress.</summary>
    public bool IsSpent(DateTimeOffset now)
    {
        lock (_gate)
        {
            return now >= _leaseEnd && now >= _usedUpUntil && now >= _ownEnd && Leasing.CurrentCount == 1;
        }
    }
}
