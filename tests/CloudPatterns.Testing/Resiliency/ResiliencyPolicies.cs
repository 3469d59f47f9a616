namespace CloudPatterns.Testing.Resiliency;

/// <summary>
/// The Resiliency resources the sidecars load, resolved per app as daprd does: a resource with scopes applies
/// only to the apps it names; a target's policies replace any default; breakers are kept per sidecar, one per
/// component name (shared by every operation on it, inbound and outbound alike) and one per invoked app and
/// method path.
/// </summary>
/// <remarks>
/// Scopes: https://github.com/dapr/dapr/blob/v1.18.3/pkg/resiliency/resiliency.go#L1070-L1085.
/// Component breakers keyed by name only: resiliency.go#L997-L1020 (called from L849 outbound and L889 inbound).
/// Invocation breakers per "appId:method": https://github.com/dapr/dapr/blob/v1.18.3/pkg/api/http/directmessaging.go#L122-L135.
/// Default* policies (used when no target names a component or app) are not reproduced; this project names every target.
/// </remarks>
public sealed class ResiliencyPolicies(IReadOnlyList<JsonObject> resources, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string AppId, string Key), CircuitBreaker> _breakers = new();

    public IReadOnlyList<JsonObject> Resources { get; } = resources;

    /// <summary>The policy an app's sidecar applies to its calls to a component (state, pub/sub, binding).</summary>
    public ResiliencyPolicy ComponentOutbound(string appId, string component) => Component(appId, component, "outbound");

    /// <summary>The policy an app's sidecar applies to delivering a component's messages to the app.</summary>
    public ResiliencyPolicy ComponentInbound(string appId, string component) => Component(appId, component, "inbound");

    /// <summary>The policy the caller's sidecar applies to invoking <paramref name="targetAppId"/>'s <paramref name="method"/>.</summary>
    public ResiliencyPolicy App(string callerAppId, string targetAppId, string method)
    {
        var key = $"{targetAppId}:{method.TrimStart('/')}";
        return Resolve(callerAppId, "apps", targetAppId, direction: null, breakerKey: $"app:{key}", key);
    }

    /// <summary>A breaker that exists in an app's sidecar, for assertions: "component:{name}" or "app:{appId}:{method}".</summary>
    public CircuitBreaker? Breaker(string appId, string key) => _breakers.GetValueOrDefault((appId, key));

    public IEnumerable<(string AppId, string Key, CircuitBreaker Breaker)> Breakers =>
        _breakers.Select(b => (b.Key.AppId, b.Key.Key, b.Value));

    private ResiliencyPolicy Component(string appId, string component, string direction) =>
        Resolve(appId, "components", component, direction, breakerKey: $"component:{component}", component);

    private ResiliencyPolicy Resolve(string appId, string kind, string name, string? direction, string breakerKey, string target)
    {
        foreach (var spec in Resources.Where(r => AppliesTo(r, appId)).Select(r => r["spec"]).Reverse())
        {
            var entry = spec?["targets"]?[kind]?[name];
            if (direction is not null)
            {
                entry = entry?[direction];
            }

            if (entry is null)
            {
                continue;
            }

            var policies = spec!["policies"];
            var timeout = entry.Text("timeout") is { } timeoutName ? Durations.Parse(policies.Text($"timeouts.{timeoutName}") ?? timeoutName) : null;
            var retry = entry.Text("retry") is { } retryName ? RetryPolicy.FromResource(retryName, Policy(policies, "retries", retryName)) : null;
            var breaker = entry.Text("circuitBreaker") is { } breakerName
                ? _breakers.GetOrAdd((appId, breakerKey), _ => new CircuitBreaker(BreakerTemplate.FromResource(breakerName, Policy(policies, "circuitBreakers", breakerName)), time))
                : null;
            return new ResiliencyPolicy(target, timeout, retry, breaker);
        }

        return ResiliencyPolicy.None(target);
    }

    private static JsonNode Policy(JsonNode? policies, string kind, string name) =>
        policies?[kind]?[name] ?? throw new InvalidDataException($"Resiliency target names {kind} policy {name}, which is not defined.");

    private static bool AppliesTo(JsonObject resource, string appId) =>
        resource["scopes"]?.AsArray() is not { Count: > 0 } scopes || scopes.Any(s => s?.GetValue<string>() == appId);
}
