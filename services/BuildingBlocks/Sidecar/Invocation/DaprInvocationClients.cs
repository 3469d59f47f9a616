namespace CloudPatterns.Sidecar.Invocation;

/// <summary>The names of the HttpClients that call other apps through the sidecar (tests route them through the fabric).</summary>
public sealed class DaprInvocationClients
{
    public HashSet<string> Names { get; } = new(StringComparer.Ordinal);
}
