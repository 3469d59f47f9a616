namespace CloudPatterns.Gateway.RateLimiting;

/// <summary>
/// One budget per caller and limit across every gateway replica. The budget lives in gateway-store as a
/// <see cref="SharedWindow"/>; a replica leases a slice of it at a time with an ETag write (at most LeaseSize or
/// LeasePercent of the limit, whichever is more, and never more than a quarter of what is left) and grants them from
/// memory, so most requests cost no store call. No permit is ever granted twice, so the replicas together never pass
/// the limit; what a caller can lose is the permits other replicas leased and have not used, each at most
/// max(1, min(slice, limit / 4)) (<see cref="RateLimitOptions.SliceOf"/>).
/// Once the store says a window is used up, this replica refuses that caller until it ends without asking again.
/// If the store cannot be reached, each replica counts on its own, to the full limit, for StoreRetryInterval
/// (docs/decisions.md, "Shared rate limits: leased slices of a budget in gateway-store").
/// Keys are hashes of the caller (no user id or address is stored) and the limit's name.
/// </summary>
public sealed partial class SharedBudgets(
    ISharedWindowStore store, IOptions<RateLimitOptions> options, TimeProvider time, RateLimitMetrics metrics, ILogger<SharedBudgets> logger)
{
    private const int MostAttempts = 5;
    private static readonly TimeSpan s_sweepEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, ReplicaBudget> _budgets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private DateTimeOffset _storeDownUntil;
    private DateTimeOffset _nextSweep;

    public const string GlobalLimit = "global";

    /// <summary>
    /// A permit from the caller's global budget and, for a route of a family, from the family's, taken at once (a new
    /// caller's two leases overlap): refused if either is used up, and a permit taken from the other is handed back,
    /// so only served requests count.
    /// </summary>
    public async ValueTask<BudgetDecision> AdmitAsync(string callerKey, string? family, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (family is null)
        {
            return await TakeAsync(GlobalLimit, limits.Global, callerKey, cancellationToken);
        }

        var takes = new[]
        {
            TakeAsync(GlobalLimit, limits.Global, callerKey, cancellationToken).AsTask(),
            TakeAsync($"family/{family}", limits.Families[family], callerKey, cancellationToken).AsTask(),
        };
        try
        {
            await Task.WhenAll(takes);
        }
        finally
        {
            // Refused by either, or the caller went away while one take waited for its lease: a permit taken serves nobody.
            if (!takes.All(t => t.IsCompletedSuccessfully && t.Result.Granted))
            {
                foreach (var taken in takes.Where(t => t.IsCompletedSuccessfully))
                {
                    taken.Result.GiveBack();
                }
            }
        }

        var (global, own) = (takes[0].Result, takes[1].Result);
        return global.Granted ? own : global;
    }

    private async ValueTask<BudgetDecision> TakeAsync(string limitName, RateLimit limit, string callerKey, CancellationToken cancellationToken)
    {
        var key = StableIds.Hex($"ratelimit:{limitName}:", callerKey);
        var now = time.GetUtcNow();
        Sweep(now);
        var budget = _budgets.GetOrAdd(key, _ => new ReplicaBudget());
        if (budget.TryLocal(now) is { } known)
        {
            metrics.Decided(known, "lease");
            return known;
        }

        await budget.Leasing.WaitAsync(cancellationToken);
        try
        {
            now = time.GetUtcNow();
            if (budget.TryLocal(now) is { } meanwhile)
            {
                metrics.Decided(meanwhile, "lease");
                return meanwhile;
            }

            BudgetDecision decision;
            if (StoreIsDown(now))
            {
                decision = budget.OnItsOwn(limit, now);
                metrics.Decided(decision, "alone");
                return decision;
            }

            try
            {
                decision = await LeaseAsync(key, limit, budget, now);
                metrics.Decided(decision, "store");
            }
            catch (Exception ex) when (ex is DaprException or JsonException)
            {
                StoreFailed(now);
                decision = budget.OnItsOwn(limit, now);
                metrics.Decided(decision, "alone");
            }

            return decision;
        }
        finally
        {
            budget.Leasing.Release();
        }
    }

    private async Task<BudgetDecision> LeaseAsync(string key, RateLimit limit, ReplicaBudget budget, DateTimeOffset now)
    {
        for (var attempt = 0; attempt < MostAttempts; attempt++)
        {
            var (stored, etag) = await store.GetAsync(key);
            var window = stored is not null && now < stored.Start + limit.Window ? stored : new SharedWindow(now, 0);
            var end = window.Start + limit.Window;
            var left = limit.PermitLimit - window.Leased;
            if (left <= 0)
            {
                return budget.UsedUp(end, now);
            }

            var take = Math.Clamp(left / 4, 1, options.Value.SliceOf(limit));
            if (await store.TryWriteAsync(key, window with { Leased = window.Leased + take }, etag, end - now))
            {
                return budget.Leased(end, take);
            }
        }

        // Other replicas won every race: this caller is very busy right now. Refuse briefly rather than queue.
        return BudgetDecision.Refused(TimeSpan.FromSeconds(1));
    }

    private bool StoreIsDown(DateTimeOffset now)
    {
        lock (_gate)
        {
            return now < _storeDownUntil;
        }
    }

    private void StoreFailed(DateTimeOffset now)
    {
        var interval = options.Value.StoreRetryInterval;
        lock (_gate)
        {
            if (now < _storeDownUntil)
            {
                return;
            }

            _storeDownUntil = now + interval;
        }

        LogStoreUnreachable(logger, DaprComponents.GatewayStore, interval);
    }

    /// <summary>Forgets budgets whose windows are over, so memory follows the callers of the last window only.</summary>
    private void Sweep(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (now < _nextSweep)
            {
                return;
            }

            _nextSweep = now + s_sweepEvery;
        }

        foreach (var (key, budget) in _budgets)
        {
            if (budget.IsSpent(now))
            {
                _budgets.TryRemove(new KeyValuePair<string, ReplicaBudget>(key, budget));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limits: {Store} cannot be reached; each replica counts callers on its own for {Interval}")]
    private static partial void LogStoreUnreachable(ILogger logger, string store, TimeSpan interval);
}
