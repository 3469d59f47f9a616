namespace CloudPatterns.Testing.Resiliency;

/// <summary>
/// components/common/resiliency.yaml as the first release shipped it (commit 6913c2d), kept so tests can show what
/// daprd does with it: retries and breakers on every state store and binding, and app targets every sidecar
/// applied, the gateway's included. The fabric reproduces why it was replaced (docs/decisions.md).
/// </summary>
public static class FirstReleaseResiliency
{
    public const string Yaml = """
        apiVersion: dapr.io/v1alpha1
        kind: Resiliency
        metadata:
          name: cloudpatterns-resiliency
        spec:
          policies:
            timeouts:
              stateCall: 5s
              publish: 5s
              delivery: 30s
              invoke: 10s
              send: 10s
              objectStorage: 30s

            retries:
              transient:
                policy: exponential
                maxInterval: 10s
                maxRetries: 5
              invocation:
                policy: exponential
                maxInterval: 5s
                maxRetries: 3
                matching:
                  httpStatusCodes: "500,502-504"
                  gRPCStatusCodes: "14"
              redelivery:
                policy: exponential
                maxInterval: 30s
                maxRetries: 3

            circuitBreakers:
              store:
                maxRequests: 1
                interval: 60s
                timeout: 30s
                trip: consecutiveFailures >= 5
              broker:
                maxRequests: 1
                interval: 60s
                timeout: 30s
                trip: consecutiveFailures >= 5
              sender:
                maxRequests: 1
                interval: 60s
                timeout: 30s
                trip: consecutiveFailures >= 5
              app:
                maxRequests: 1
                interval: 30s
                timeout: 15s
                trip: consecutiveFailures >= 5

          targets:
            apps:
              product-service:
                timeout: invoke
                retry: invocation
                circuitBreaker: app
              payment-service:
                timeout: invoke
                retry: invocation
                circuitBreaker: app
            components:
              pubsub:
                outbound:
                  timeout: publish
                  retry: transient
                  circuitBreaker: broker
                inbound:
                  timeout: delivery
                  retry: redelivery
              product-store:
                outbound:
                  timeout: stateCall
                  retry: transient
                  circuitBreaker: store
              order-store:
                outbound:
                  timeout: stateCall
                  retry: transient
                  circuitBreaker: store
              order-query-store:
                outbound:
                  timeout: stateCall
                  retry: transient
                  circuitBreaker: store
              payment-store:
                outbound:
                  timeout: stateCall
                  retry: transient
                  circuitBreaker: store
              shipping-store:
                outbound:
                  timeout: stateCall
                  retry: transient
                  circuitBreaker: store
              analytics-store:
                outbound:
                  timeout: stateCall
                  retry: transient
                  circuitBreaker: store
              notification-store:
                outbound:
                  timeout: stateCall
                  retry: transient
                  circuitBreaker: store
              images:
                outbound:
                  timeout: objectStorage
                  retry: transient
                  circuitBreaker: store
              email:
                outbound:
                  timeout: send
                  circuitBreaker: sender
              sms:
                outbound:
                  timeout: send
                  circuitBreaker: sender
              workflow-store:
                outbound:
                  timeout: stateCall
                  retry: transient
                  circuitBreaker: store
        """;

    /// <summary>The local components with the first release's resiliency instead of today's.</summary>
    public static ComponentRegistry Registry() => ComponentRegistry.FromFolders(RepositoryPaths.Combine("components", "local")).AddYaml(Yaml);
}
