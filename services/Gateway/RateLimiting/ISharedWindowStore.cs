namespace CloudPatterns.Gateway.RateLimiting;

/// <summary>Where the shared windows live: gateway-store through the sidecar (<see cref="DaprSharedWindowStore"/>).</summary>
public interface ISharedWindowStore
{
    /// <summary>The window under <paramref name="key"/> and its ETag (null and empty when there is none).</summary>
    Task<(SharedWindow? Window, string ETag)> GetAsync(string key);

    /// <summary>
    /// Writes the window if it still has <paramref name="etag"/> (empty: only if there is none); false when another
    /// replica wrote it first. <paramref name="left"/> is how long the window still runs, for the record's expiry.
    /// </summary>
    Task<bool> TryWriteAsync(string key, SharedWindow window, string etag, TimeSpan left);
}

/// <summary>
/// One caller's window for one limit, as every replica sees it in gateway-store: when it began, and how many permits
/// replicas have leased from it so far. It only grows until the window ends.
/// </summary>
public sealed record SharedWindow(DateTimeOffset Start, int Leased);
