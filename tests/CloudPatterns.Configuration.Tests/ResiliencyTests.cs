using CloudPatterns.Testing.Components;

namespace CloudPatterns.Configuration.Tests;

public sealed class ResiliencyTests
{
    private static readonly string[] s_kinds = ["timeouts", "retries", "circuitBreakers"];

    [Fact]
    public void EveryTargetNamesPoliciesThatExistAndComponentsThatExist()
    {
        var registry = ComponentRegistry.FromFolders(RepositoryPaths.Combine("components", "local"));
        var resiliency = Resources.In("common").Single(r => r.Resource.Text("kind") == "Resiliency").Resource;
        var policies = resiliency["spec"]!["policies"]!;

        foreach (var (component, target) in resiliency["spec"]!["targets"]!["components"]!.AsObject())
        {
            Assert.True(registry.TryGet(component, out _), $"resiliency targets unknown component {component}");
            foreach (var direction in new[] { "inbound", "outbound" })
            {
                foreach (var (kind, policy) in new[] { ("timeouts", "timeout"), ("retries", "retry"), ("circuitBreakers", "circuitBreaker") })
                {
                    if (target?[direction].Text(policy) is { } name)
                    {
                        Assert.True(policies[kind]?[name] is not null, $"{component}.{direction}.{policy} names unknown {kind} policy {name}");
                    }
                }
            }
        }
    }

    [Fact]
    public void StateAndPubSubCallsHaveATimeoutARetryAndACircuitBreaker()
    {
        var resiliency = Resources.In("common").Single(r => r.Resource.Text("kind") == "Resiliency").Resource;
        var targets = resiliency["spec"]!["targets"]!["components"]!;
        var registry = ComponentRegistry.FromFolders(RepositoryPaths.Combine("components", "local"));

        foreach (var component in registry.Components.Where(c => c.Type.StartsWith("state.", StringComparison.Ordinal) || c.Type.StartsWith("pubsub.", StringComparison.Ordinal)))
        {
            var outbound = targets[component.Name]?["outbound"];
            Assert.True(outbound is not null, $"{component.Name} has no outbound resiliency policies");
            Assert.All(new[] { "timeout", "retry", "circuitBreaker" }, p => Assert.NotNull(outbound.Text(p)));
        }

        Assert.NotNull(targets["pubsub"]?["inbound"].Text("retry"));
        Assert.All(s_kinds, kind => Assert.NotNull(resiliency["spec"]!["policies"]![kind]));
    }
}
