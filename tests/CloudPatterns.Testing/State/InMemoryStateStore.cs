using Dapr;
using Grpc.Core;

namespace CloudPatterns.Testing.State;

/// <summary>
/// One state store component, shared by every app scoped to it. Keys are stored as Dapr stores them,
/// prefixed by the app id (the default keyPrefix), so two apps never see each other's keys.
/// Semantics follow Dapr's state API: every write gets a new ETag; a write or delete with an ETag
/// succeeds only if it matches; a first-write upsert without an ETag succeeds only if the key is absent;
/// a transaction applies all its operations or none.
/// </summary>
public sealed class InMemoryStateStore(string name)
{
    private readonly Dictionary<string, (byte[] Value, string ETag)> _items = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly HashSet<string> _contended = new(StringComparer.Ordinal);
    private long _version;

    public string Name { get; } = name;

    /// <summary>Number of committed transactions and writes, for tests that assert nothing was written.</summary>
    public int WriteCount { get; private set; }

    /// <summary>While true every call fails as if the database were down (a transient failure).</summary>
    public bool Unavailable { get; set; }

    /// <summary>
    /// Until disposed, another writer rewrites the record stored under <paramref name="key"/> (as the app names it,
    /// or with its app prefix) just before every write that is guarded by an ETag, so each such write loses its
    /// race: a record that keeps changing, for tests of what an app does when it runs out of attempts.
    /// </summary>
    public IDisposable Contend(string key)
    {
        lock (_gate)
        {
            _contended.Add(key);
        }

        return new Release(() =>
        {
            lock (_gate)
            {
                _contended.Remove(key);
            }
        });
    }

    public (byte[]? Value, string ETag) Get(string key)
    {
        ThrowIfUnavailable();
        lock (_gate)
        {
            return _items.TryGetValue(key, out var item) ? (item.Value, item.ETag) : (null, string.Empty);
        }
    }

    public IReadOnlyDictionary<string, byte[]> Snapshot(string? keyPrefix = null)
    {
        lock (_gate)
        {
            return _items.Where(i => keyPrefix is null || i.Key.StartsWith(keyPrefix, StringComparison.Ordinal))
                .ToDictionary(i => i.Key, i => i.Value.Value, StringComparer.Ordinal);
        }
    }

    /// <summary>Applies every write atomically; throws <see cref="StateConflictException"/> and changes nothing if any check fails.</summary>
    public void Apply(IReadOnlyList<StateWrite> writes)
    {
        ThrowIfUnavailable();
        lock (_gate)
        {
            foreach (var write in writes)
            {
                RewriteIfContended(write);
                Check(write);
            }

            foreach (var write in writes)
            {
                if (write.IsDelete)
                {
                    _items.Remove(write.Key);
                }
                else
                {
                    _items[write.Key] = (write.Value!, (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            WriteCount++;
        }
    }

    private void ThrowIfUnavailable()
    {
        if (Unavailable)
        {
            throw new DaprException($"state store {Name} is unavailable",
                new RpcException(new Status(StatusCode.Unavailable, $"state store {Name}: connection refused")));
        }
    }

    private void RewriteIfContended(StateWrite write)
    {
        if (!string.IsNullOrEmpty(write.ETag) && _items.TryGetValue(write.Key, out var current)
            && _contended.Any(key => write.Key == key || write.Key.EndsWith("||" + key, StringComparison.Ordinal)))
        {
            _items[write.Key] = (current.Value, (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private void Check(StateWrite write)
    {
        var exists = _items.TryGetValue(write.Key, out var current);
        if (!string.IsNullOrEmpty(write.ETag))
        {
            if (!exists || current.ETag != write.ETag)
            {
                throw new StateConflictException($"possible etag mismatch. error from state store: key {write.Key}");
            }
        }
        else if (write.FirstWrite && exists && !write.IsDelete)
        {
            throw new StateConflictException($"possible etag mismatch. error from state store: key {write.Key} already exists");
        }
    }
}

file sealed class Release(Action release) : IDisposable
{
    public void Dispose() => release();
}
