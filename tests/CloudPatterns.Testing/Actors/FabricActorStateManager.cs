using Dapr.Actors.Runtime;

namespace CloudPatterns.Testing.Actors;

/// <summary>
/// An actor's state as the runtime keeps it: reads go to the actor state store (key
/// "{appId}||{actorType}||{actorId}||{name}"), writes are cached for the turn and saved together in one
/// transaction when the turn succeeds, or thrown away when it fails. Reads and the save go through the
/// store's outbound resiliency policy in the host's sidecar, sharing the store's breaker with the app's own state
/// calls (https://github.com/dapr/dapr/blob/v1.18.3/pkg/actors/state/state.go#L111-L121 and #L244-L249).
/// </summary>
internal sealed class FabricActorStateManager(InMemoryStateStore store, string keyPrefix, JsonSerializerOptions json, ResiliencyPolicy? policy = null) : IActorStateManager
{
    private readonly Dictionary<string, (object? Value, Type Type, Change Kind)> _changes = new(StringComparer.Ordinal);

    public Task AddStateAsync<T>(string stateName, T value, CancellationToken cancellationToken = default) =>
        AddStateAsync(stateName, value, TimeSpan.Zero, cancellationToken);

    public async Task AddStateAsync<T>(string stateName, T value, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        if (!await TryAddStateAsync(stateName, value, ttl, cancellationToken))
        {
            throw new InvalidOperationException($"Actor state {stateName} already exists.");
        }
    }

    public async Task<T> GetStateAsync<T>(string stateName, CancellationToken cancellationToken = default)
    {
        var result = await TryGetStateAsync<T>(stateName, cancellationToken);
        return result.HasValue ? result.Value : throw new KeyNotFoundException($"Actor state {stateName} does not exist.");
    }

    public Task SetStateAsync<T>(string stateName, T value, CancellationToken cancellationToken = default)
    {
        _changes[stateName] = (value, typeof(T), Change.Set);
        return Task.CompletedTask;
    }

    public Task SetStateAsync<T>(string stateName, T value, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        SetStateAsync(stateName, value, cancellationToken);

    public async Task RemoveStateAsync(string stateName, CancellationToken cancellationToken = default)
    {
        if (!await TryRemoveStateAsync(stateName, cancellationToken))
        {
            throw new KeyNotFoundException($"Actor state {stateName} does not exist.");
        }
    }

    public async Task<bool> TryAddStateAsync<T>(string stateName, T value, CancellationToken cancellationToken = default) =>
        await TryAddStateAsync(stateName, value, TimeSpan.Zero, cancellationToken);

    public async Task<bool> TryAddStateAsync<T>(string stateName, T value, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        if (await ContainsStateAsync(stateName, cancellationToken))
        {
            return false;
        }

        _changes[stateName] = (value, typeof(T), Change.Set);
        return true;
    }

    public async Task<ConditionalValue<T>> TryGetStateAsync<T>(string stateName, CancellationToken cancellationToken = default)
    {
        if (_changes.TryGetValue(stateName, out var change))
        {
            return change.Kind == Change.Removed ? new ConditionalValue<T>(false, default!) : new ConditionalValue<T>(true, (T)change.Value!);
        }

        var bytes = await ReadAsync(stateName);
        if (bytes is null)
        {
            return new ConditionalValue<T>(false, default!);
        }

        var value = JsonSerializer.Deserialize<T>(bytes, json)!;
        _changes[stateName] = (value, typeof(T), Change.Unchanged);
        return new ConditionalValue<T>(true, value);
    }

    public async Task<bool> TryRemoveStateAsync(string stateName, CancellationToken cancellationToken = default)
    {
        if (!await ContainsStateAsync(stateName, cancellationToken))
        {
            return false;
        }

        _changes[stateName] = (null, typeof(object), Change.Removed);
        return true;
    }

    public async Task<bool> ContainsStateAsync(string stateName, CancellationToken cancellationToken = default) =>
        _changes.TryGetValue(stateName, out var change) ? change.Kind != Change.Removed : await ReadAsync(stateName) is not null;

    public async Task<T> GetOrAddStateAsync<T>(string stateName, T value, CancellationToken cancellationToken = default)
    {
        var existing = await TryGetStateAsync<T>(stateName, cancellationToken);
        if (existing.HasValue)
        {
            return existing.Value;
        }

        await SetStateAsync(stateName, value, cancellationToken);
        return value;
    }

    public Task<T> GetOrAddStateAsync<T>(string stateName, T value, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        GetOrAddStateAsync(stateName, value, cancellationToken);

    public async Task<T> AddOrUpdateStateAsync<T>(string stateName, T addValue, Func<string, T, T> updateValueFactory, CancellationToken cancellationToken = default)
    {
        var existing = await TryGetStateAsync<T>(stateName, cancellationToken);
        var value = existing.HasValue ? updateValueFactory(stateName, existing.Value) : addValue;
        await SetStateAsync(stateName, value, cancellationToken);
        return value;
    }

    public Task<T> AddOrUpdateStateAsync<T>(string stateName, T addValue, Func<string, T, T> updateValueFactory, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        AddOrUpdateStateAsync(stateName, addValue, updateValueFactory, cancellationToken);

    public Task ClearCacheAsync(CancellationToken cancellationToken = default)
    {
        _changes.Clear();
        return Task.CompletedTask;
    }

    public async Task SaveStateAsync(CancellationToken cancellationToken = default)
    {
        var writes = _changes.Where(c => c.Value.Kind != Change.Unchanged).Select(c => new StateWrite(
            Key(c.Key),
            c.Value.Kind == Change.Removed ? null : JsonSerializer.SerializeToUtf8Bytes(c.Value.Value, c.Value.Type, json),
            c.Value.Kind == Change.Removed,
            ETag: null,
            FirstWrite: false)).ToList();
        if (writes.Count > 0)
        {
            await Run(() => store.Apply(writes));
        }

        _changes.Clear();
    }

    public Task UnloadStateAsync(string stateName, UnloadStateOptions? options = null, CancellationToken cancellationToken = default)
    {
        _changes.Remove(stateName);
        return Task.CompletedTask;
    }

    private string Key(string stateName) => keyPrefix + stateName;

    private async Task<byte[]?> ReadAsync(string stateName)
    {
        byte[]? value = null;
        await Run(() => value = store.Get(Key(stateName)).Value);
        return value;
    }

    private Task Run(Action call) =>
        (policy ?? ResiliencyPolicy.None(store.Name)).RunAsync(() =>
        {
            call();
            return Task.FromResult(true);
        });

    private enum Change
    {
        Unchanged,
        Set,
        Removed,
    }
}
