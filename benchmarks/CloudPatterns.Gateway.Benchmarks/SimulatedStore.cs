namespace CloudPatterns.Gateway.Benchmarks;

/// <summary>
/// gateway-store as the replicas see it: one shared dictionary with ETag writes (insert-only without one), each call
/// taking <see cref="Latency"/> of real time (a sidecar round trip plus the database), so concurrent replicas really
/// interleave their reads and writes. Counts calls and lost races.
/// </summary>
public sealed class SimulatedStore(TimeSpan latency) : ISharedWindowStore
{
    private readonly ConcurrentDictionary<string, (SharedWindow Window, string ETag)> _items = new(StringComparer.Ordinal);
    private long _version;
    private long _calls;
    private long _lostRaces;

    public TimeSpan Latency { get; } = latency;

    public long Calls => Interlocked.Read(ref _calls);

    public long LostRaces => Interlocked.Read(ref _lostRaces);

    public async Task<(SharedWindow? Window, string ETag)> GetAsync(string key)
    {
        await RoundTripAsync();
        return _items.TryGetValue(key, out var item) ? (item.Window, item.ETag) : (null, string.Empty);
    }

    public async Task<bool> TryWriteAsync(string key, SharedWindow window, string etag, TimeSpan left)
    {
        await RoundTripAsync();
        var next = (window, Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture));
        var written = string.IsNullOrEmpty(etag)
            ? _items.TryAdd(key, next)
            : _items.TryGetValue(key, out var current) && current.ETag == etag && _items.TryUpdate(key, next, current);
        if (!written)
        {
            Interlocked.Increment(ref _lostRaces);
        }

        return written;
    }

    private Task RoundTripAsync()
    {
        Interlocked.Increment(ref _calls);
        return Latency == TimeSpan.Zero ? Task.CompletedTask : Task.Delay(Latency);
    }
}
