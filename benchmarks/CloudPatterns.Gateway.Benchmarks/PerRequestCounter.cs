namespace CloudPatterns.Gateway.Benchmarks;

/// <summary>
/// The alternative the gateway does not use, for comparison: every request reads the caller's counter and writes it
/// back incremented over its ETag (up to five tries), for the global limit and then the family's. Exact, but every
/// request pays the store round trips, and concurrent requests of one caller race on one key.
/// </summary>
public sealed class PerRequestCounter(ISharedWindowStore store, RateLimitOptions limits, TimeProvider time)
{
    public async Task<bool> AdmitAsync(string caller, string family)
    {
        if (!await TakeAsync($"global:{caller}", limits.Global, +1))
        {
            return false;
        }

        if (await TakeAsync($"{family}:{caller}", limits.Families[family], +1))
        {
            return true;
        }

        await TakeAsync($"global:{caller}", limits.Global, -1);
        return false;
    }

    private async Task<bool> TakeAsync(string key, RateLimit limit, int change)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var now = time.GetUtcNow();
            var (stored, etag) = await store.GetAsync(key);
            var window = stored is not null && now < stored.Start + limit.Window ? stored : new SharedWindow(now, 0);
            if (change > 0 && window.Leased >= limit.PermitLimit)
            {
                return false;
            }

            if (await store.TryWriteAsync(key, window with { Leased = window.Leased + change }, etag, limit.Window))
            {
                return true;
            }
        }

        return false;
    }
}
