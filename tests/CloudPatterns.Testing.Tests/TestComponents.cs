namespace CloudPatterns.Testing.Tests;

/// <summary>Component sets written in the test, so each fabric test controls names and scopes.</summary>
public static class TestComponents
{
    public static ComponentRegistry PubSubAndStore(params string[] scopes) => new ComponentRegistry()
        .Add(new ComponentDefinition("pubsub", "pubsub.redis", new Dictionary<string, string>(), scopes))
        .Add(new ComponentDefinition("store", "state.sqlite", new Dictionary<string, string>(), scopes));

    /// <summary>Redeliver a failed message <paramref name="retries"/> times, as resiliency.yaml does for the real pub/sub.</summary>
    public static ComponentRegistry WithInboundRetries(this ComponentRegistry registry, int retries) => registry.AddYaml($$"""
        apiVersion: dapr.io/v1alpha1
        kind: Resiliency
        metadata:
          name: test-redelivery
        spec:
          policies:
            retries:
              redelivery:
                policy: constant
                duration: 1s
                maxRetries: {{retries}}
          targets:
            components:
              pubsub:
                inbound:
                  retry: redelivery
        """);

    public static ComponentDefinition Component(string name, string type, IReadOnlyList<string> scopes, params (string Name, string Value)[] metadata) =>
        new(name, type, metadata.ToDictionary(m => m.Name, m => m.Value), scopes);
}
