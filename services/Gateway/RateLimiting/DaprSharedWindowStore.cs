namespace CloudPatterns.Gateway.RateLimiting;

/// <summary>
/// Shared windows in gateway-store, changed only over their ETag (insert-only when new), so two replicas can never
/// both lease the same permits. Each write carries ttlInSeconds, so a window's record outlives the window by a
/// minute and then disappears (state.sqlite deletes expired rows; Cosmos DB needs the container's default TTL on).
/// Every call is counted in <see cref="RateLimitMetrics"/>: store calls are what a request costs.
/// </summary>
public sealed class DaprSharedWindowStore(DaprClient dapr, RateLimitMetrics metrics) : ISharedWindowStore
{
    private static readonly TimeSpan s_outlive = TimeSpan.FromMinutes(1);

    public async Task<(SharedWindow? Window, string ETag)> GetAsync(string key)
    {
        metrics.StoreCall("read");
        return await dapr.ReadStateAsync<SharedWindow?>(DaprComponents.GatewayStore, key);
    }

    public async Task<bool> TryWriteAsync(string key, SharedWindow window, string etag, TimeSpan left)
    {
        metrics.StoreCall("write");
        var metadata = new Dictionary<string, string>
        {
            ["ttlInSeconds"] = ((long)Math.Ceiling((left + s_outlive).TotalSeconds)).ToString(CultureInfo.InvariantCulture),
        };
        var written = string.IsNullOrEmpty(etag)
            ? await StateOperations.TryWriteAsync(
                () => dapr.SaveStateAsync(DaprComponents.GatewayStore, key, window, StateOperations.FirstWrite, metadata),
                async () => (await GetAsync(key)).Window is not null)
            : await dapr.TrySaveStateAsync(DaprComponents.GatewayStore, key, window, etag, StateOperations.FirstWrite, metadata);
        if (!written)
        {
            metrics.LostRace();
        }

        return written;
    }
}
