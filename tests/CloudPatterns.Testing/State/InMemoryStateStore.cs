namespace CloudPatterns.Testing.State;

/// <summary>
/// One state store component, shared by every app scoped to it. Keys are stored as Dapr stores them,
/// prefixed by the app id (the default keyPrefix), so two apps never see each other's keys.
/// Semantics follow Dapr's state API: every write gets a new ETag; a write or delete with an ETag
/// succeeds only if it matches; a first-write upsert without an ETag succeeds only if the key is absent;
/// a transaction applies all its operations or none. A write's <c>ttlInSeconds</c> metadata sets when its record
/// expires on the fabric's clock (every write resets it; none, 0 or -1: never), and an expired record is gone for
/// every read and write, as state.sqlite treats one its cleanup has not deleted yet
/// (https://github.com/dapr/components-contrib/blob/v1.18.4/state/sqlite/sqlite_dbaccess.go#L342-L400,
/// https://github.com/dapr/components-contrib/blob/v1.18.4/state/utils/ttl.go#L26-L39).
/// </summary>
public sealed class InMemoryStateStore(string name, TimeProvider time)
{
    private readonly Dictionary<string, Item> _items = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _contended = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<byte[], byte[]>?> _rewrites = new(StringComparer.Ordinal);
    private readonly HashSet<string> _failing = new(StringComparer.Ordinal);
    private readonly HashSet<string> _losingAnswer = new(StringComparer.Ordinal);
    private readonly List<string> _eventualReads = [];
    private long _version;

    public string Name { get; } = name;

    /// <summary>Number of committed transactions and writes, for tests that assert nothing was written.</summary>
    public int WriteCount { get; private set; }

    /// <summary>
    /// Keys read without asking for a strong read. The fabric answers them with the latest all the same, but DynamoDB
    /// would not: its reads are eventually consistent unless asked (components-contrib v1.18.4
    /// state/aws/dynamodb/dynamodb.go, Get), and could miss the last write. A test asserts the apps make none.
    /// </summary>
    public IReadOnlyList<string> EventualReads
    {
        get
        {
            lock (_gate)
            {
                return [.. _eventualReads];
            }
        }
    }

    /// <summary>While true every call fails as if the database were down (a transient failure).</summary>
    public bool Unavailable { get; set; }

    /// <summary>
    /// Until disposed, another writer rewrites the record stored under <paramref name="key"/> (as the app names it,
    /// or with its app prefix) just before every ETag-guarded write to it, so each such write loses its race: a record
    /// that keeps changing, for tests of what an app does when it runs out of attempts. With <paramref name="times"/>,
    /// only that many writes lose: a race lost once, which the app should win on its next attempt. With
    /// <paramref name="rewrite"/>, the other writer changes the record (its stored JSON) as well as its ETag: what the app
    /// reads again is what another request wrote meanwhile.
    /// </summary>
    public IDisposable Contend(string key, int times = int.MaxValue, Func<byte[], byte[]>? rewrite = null)
    {
        lock (_gate)
        {
            _contended[key] = times;
            _rewrites[key] = rewrite;
        }

        return new Release(() =>
        {
            lock (_gate)
            {
                _contended.Remove(key);
                _rewrites.Remove(key);
            }
        });
    }

    /// <summary>
    /// Until the result is disposed, every write that touches <paramref name="key"/> (alone or in a transaction) fails
    /// as if the database had timed out, and changes nothing; reads and other keys go on. For tests of work that
    /// fails half-way, between a side effect and the record of it.
    /// </summary>
    public IDisposable FailWrites(string key)
    {
        lock (_gate)
        {
            _failing.Add(key);
        }

        return new Release(() =>
        {
            lock (_gate)
            {
                _failing.Remove(key);
            }
        });
    }

    /// <summary>
    /// The next write that touches <paramref name="key"/> commits, and then fails as if the sidecar's timeout had fired
    /// first (the database did the work): an app must not take its own write for another's. Once only. A key ending in
    /// '*' stands for every key that begins so ("order:*"), for a write whose key the test cannot know (a new id); so it
    /// does for <see cref="FailWrites"/> and <see cref="Contend"/>.
    /// </summary>
    public void LoseNextAnswer(string key)
    {
        lock (_gate)
        {
            _losingAnswer.Add(key);
        }
    }

    /// <summary>Notes that <paramref name="key"/> was read without asking for a strong read.</summary>
    public void ReadEventually(string key)
    {
        lock (_gate)
        {
            _eventualReads.Add(key);
        }
    }

    public (byte[]? Value, string ETag) Get(string key)
    {
        ThrowIfUnavailable();
        lock (_gate)
        {
            return TryGetLive(key, out var item) ? (item.Value, item.ETag) : (null, string.Empty);
        }
    }

    public IReadOnlyDictionary<string, byte[]> Snapshot(string? keyPrefix = null)
    {
        lock (_gate)
        {
            return _items.Where(i => (keyPrefix is null || i.Key.StartsWith(keyPrefix, StringComparison.Ordinal)) && IsLive(i.Value))
                .ToDictionary(i => i.Key, i => i.Value.Value, StringComparer.Ordinal);
        }
    }

    /// <summary>Applies every write atomically; throws <see cref="StateConflictException"/> and changes nothing if any check fails.</summary>
    public void Apply(IReadOnlyList<StateWrite> writes)
    {
        ThrowIfUnavailable();
        lock (_gate)
        {
            if (writes.FirstOrDefault(w => _failing.Any(key => Touches(w, key))) is { } failing)
            {
                throw new DaprException(TimedOut(failing.Key), DeadlineExceeded());
            }

            var expiries = new DateTimeOffset?[writes.Count];
            for (var i = 0; i < writes.Count; i++)
            {
                RewriteIfContended(writes[i]);
                Check(writes[i]);
                expiries[i] = ExpiresAt(writes[i]);
            }

            for (var i = 0; i < writes.Count; i++)
            {
                if (writes[i].IsDelete)
                {
                    _items.Remove(writes[i].Key);
                }
                else
                {
                    _items[writes[i].Key] = new Item(writes[i].Value!, NextETag(), expiries[i]);
                }
            }

            WriteCount++;
            if (_losingAnswer.FirstOrDefault(key => writes.Any(w => Touches(w, key))) is { } lost)
            {
                _losingAnswer.Remove(lost);
                throw new AnswerLostException(TimedOut(lost), DeadlineExceeded());
            }
        }
    }

    private string TimedOut(string key) => $"state store {Name}: writing {key} timed out";

    /// <summary>
    /// What daprd answers when its timeout ends a write: Internal, with the context's error in the message, for a save and
    /// for a transaction alike (dapr/dapr v1.18.3 pkg/api/grpc/grpc.go: getStateErrorCode L811-823, ExecuteStateTransaction L1057-1067).
    /// </summary>
    private RpcException DeadlineExceeded() => new(new Status(StatusCode.Internal, $"failed saving state in state store {Name}: context deadline exceeded"));

    private void ThrowIfUnavailable()
    {
        if (Unavailable)
        {
            throw new DaprException($"state store {Name} is unavailable",
                new RpcException(new Status(StatusCode.Unavailable, $"state store {Name}: connection refused")));
        }
    }

    /// <summary>
    /// Whether a write touches the key a test names as the app wrote it: daprd stores it after a prefix (<c>app||key</c>;
    /// an actor's state after its type and id too). A name ending in '*' stands for every key that begins so.
    /// </summary>
    private static bool Touches(StateWrite write, string key) => key.EndsWith('*')
        ? write.Key.StartsWith(key[..^1], StringComparison.Ordinal) || write.Key.Contains("||" + key[..^1], StringComparison.Ordinal)
        : write.Key == key || write.Key.EndsWith("||" + key, StringComparison.Ordinal);

    private void RewriteIfContended(StateWrite write)
    {
        if (!string.IsNullOrEmpty(write.ETag) && TryGetLive(write.Key, out var current)
            && _contended.FirstOrDefault(c => c.Value > 0 && Touches(write, c.Key)).Key is { } contended)
        {
            _contended[contended]--;
            _items[write.Key] = current with { Value = _rewrites.GetValueOrDefault(contended)?.Invoke(current.Value) ?? current.Value, ETag = NextETag() };
        }
    }

    private void Check(StateWrite write)
    {
        var exists = TryGetLive(write.Key, out var current);
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

    private string NextETag() => (++_version).ToString(CultureInfo.InvariantCulture);

    private bool TryGetLive(string key, out Item item) => _items.TryGetValue(key, out item) && IsLive(item);

    private bool IsLive(Item item) => item.ExpiresAt is not { } expiresAt || expiresAt > time.GetUtcNow();

    private DateTimeOffset? ExpiresAt(StateWrite write)
    {
        if (write.Metadata?.GetValueOrDefault("ttlInSeconds") is not { Length: > 0 } text)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) || seconds < -1 || seconds > int.MaxValue)
        {
            throw new DaprException($"incorrect value for metadata 'ttlInSeconds': {text} (must be -1 or greater)",
                new RpcException(new Status(StatusCode.InvalidArgument, $"state store {Name}: incorrect value for metadata 'ttlInSeconds'")));
        }

        return seconds > 0 ? time.GetUtcNow().AddSeconds(seconds) : null;
    }

    private readonly record struct Item(byte[] Value, string ETag, DateTimeOffset? ExpiresAt);
}

file sealed class Release(Action release) : IDisposable
{
    public void Dispose() => release();
}
