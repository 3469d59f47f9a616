namespace CloudPatterns.Configuration.Tests;

/// <summary>
/// components/alternatives: the guide's own choices (Kafka, HashiCorp Vault), each a component that takes the
/// place of the one of the same name in any set. What holds for a set must hold with the alternative in it.
/// </summary>
public sealed class AlternativeComponentTests
{
    [Theory]
    [MemberData(nameof(Resources.Alternatives), MemberType = typeof(Resources))]
    public void AnAlternativeReplacesAComponentOfEverySetOfTheSameKindForTheSameApps(string alternative)
    {
        var component = Alternative(alternative);
        foreach (var environment in Resources.EnvironmentNames)
        {
            Assert.True(Resources.Set(environment).TryGet(component.Name, out var replaced), $"components/{environment} has no {component.Name} for {alternative} to replace");
            Assert.Equal(replaced.Type.Split('.')[0], component.Type.Split('.')[0]);
            Assert.Equal(replaced.Scopes.Order(StringComparer.Ordinal), component.Scopes.Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Resources.Alternatives), MemberType = typeof(Resources))]
    public void WithTheAlternativeInPlaceEverySecretReferenceGoesThroughASecretStoreItsAppsCanRead(string alternative)
    {
        foreach (var environment in Resources.EnvironmentNames)
        {
            var set = Resources.SetWith(environment, alternative);
            var registry = new ComponentRegistry();
            foreach (var (resource, file) in set)
            {
                registry.Add(ComponentDefinition.FromResource(resource, file));
            }

            foreach (var (resource, file) in set.Where(c => c.Resource["spec"]!["metadata"]!.AsArray().Any(m => m!["secretKeyRef"] is not null)))
            {
                var store = resource.Text("auth.secretStore");
                Assert.True(store is not null && registry.TryGet(store, out var secretStore) && secretStore.Type.StartsWith("secretstores.", StringComparison.Ordinal),
                    $"{file} with {alternative} in components/{environment}: auth.secretStore {store} is not a secret store");
                Assert.All(ComponentDefinition.FromResource(resource).Scopes, app => Assert.True(registry.TryGet(store!, out var s) && s.IsScopedTo(app)));
            }
        }
    }

    [Fact]
    public void KafkaGivesEveryAppAConsumerGroupOfItsOwn()
    {
        // Without consumerGroup the component takes consumerID, which daprd sets to the app id (components-contrib
        // v1.18.4 common/component/kafka/metadata.go, getKafkaMetadata); setting either would make apps share a group.
        var kafka = Resources.Components(Resources.AlternativesFolder).Select(c => c.Resource).Single(r => r.Text("spec.type") == "pubsub.kafka");
        var names = kafka["spec"]!["metadata"]!.AsArray().Select(m => m.Text("name")).ToList();

        Assert.DoesNotContain("consumerGroup", names);
        Assert.DoesNotContain("consumerID", names);
    }

    private static ComponentDefinition Alternative(string file) =>
        ComponentDefinition.FromResource(Resources.Components(Resources.AlternativesFolder).Single(c => Path.GetFileName(c.File) == file).Resource, file);
}
