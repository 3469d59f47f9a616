using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudPatterns.Testing.Components;

namespace CloudPatterns.Infrastructure.Tests;

/// <summary>
/// Service Bus as deployed: the topics the code names, a subscription for every topic each app's code (and the
/// declarative subscriptions) subscribe to, named after the app id as the component's consumerID defaults to it.
/// </summary>
public sealed partial class MessagingTests
{
    private static readonly IReadOnlyList<string> s_topics = Deployment.Strings(Deployment.Json("topics.json")["topics"]);

    [Fact]
    public void TopicsAreTheContractsTopicsAndTheOutboxesInternalTopics()
    {
        var expected = ContractTopics().Values.Concat(OutboxTopics().Select(o => o.Topic));

        Assert.Equal(expected.Order(StringComparer.Ordinal), s_topics.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryAppHasASubscriptionForEveryTopicItsCodeSubscribesTo()
    {
        Deployment.RequireAzureComponents();
        var topics = ContractTopics();
        var declarative = YamlDocuments.Load(RepositoryPaths.Combine("components", "common", "analytics-pipeline.yaml"))
            .Where(r => r.Text("kind") == "Subscription")
            .SelectMany(r => Deployment.Strings(r["scopes"]).Select(app => (App: app, Topic: r.Text("spec.topic")!)))
            .ToList();

        foreach (var (id, _, directory) in Deployment.RunFileApps)
        {
            var expected = new SortedSet<string>(StringComparer.Ordinal);
            if (HostsSubscriptions(id))
            {
                expected.UnionWith(CodeSubscriptions(RepositoryPaths.Combine(directory), topics));
            }

            expected.UnionWith(declarative.Where(d => d.App == id).Select(d => d.Topic));
            expected.UnionWith(OutboxTopics().Where(o => o.App == id).Select(o => o.Topic));

            Assert.True(
                expected.SetEquals(Deployment.Strings(Deployment.App(id)["subscriptions"])),
                $"{id}: code subscribes to [{string.Join(", ", expected)}], apps.json has [{string.Join(", ", Deployment.Strings(Deployment.App(id)["subscriptions"]))}]");
        }
    }

    [Fact]
    public void ScaleRulesWatchTheAppsOwnSubscriptionsAndAnAppAtZeroWatchesThemAll()
    {
        foreach (var app in Deployment.Apps)
        {
            var subscriptions = Deployment.Strings(app["subscriptions"]);
            var scaleOn = Deployment.Strings(app["scaleOn"]);
            Assert.All(subscriptions, topic => Assert.Contains(topic, s_topics));
            Assert.All(scaleOn, topic => Assert.Contains(topic, subscriptions));

            // Nothing runs a sidecar at zero replicas: only a scale rule can notice a message waiting.
            if (app["minReplicas"]!.GetValue<int>() == 0)
            {
                Assert.True(subscriptions.Order(StringComparer.Ordinal).SequenceEqual(scaleOn.Order(StringComparer.Ordinal)), $"{app.Text("id")} scales to zero but not on every subscription");
            }
        }
    }

    [Fact]
    public void OnlyAppsScopedToPubsubHaveSubscriptions()
    {
        Deployment.RequireAzureComponents();
        var pubsub = Deployment.AzureComponents.Single(c => c.Component.Name == "pubsub").Component;

        Assert.StartsWith("pubsub.azure.servicebus", pubsub.Type, StringComparison.Ordinal);
        Assert.All(Deployment.Apps.Where(a => Deployment.Strings(a["subscriptions"]).Count > 0), a => Assert.Contains(a.Text("id")!, pubsub.Scopes));
    }

    [Fact]
    public void TheDeployedAnalyticsSubscriptionsAreTheDeclarativeOnes()
    {
        var declared = YamlDocuments.Load(RepositoryPaths.Combine("components", "common", "analytics-pipeline.yaml"))
            .Where(r => r.Text("kind") == "Subscription")
            .Select(r => new JsonObject
            {
                ["name"] = r.Text("metadata.name"),
                ["pubsubName"] = r.Text("spec.pubsubname"),
                ["topic"] = r.Text("spec.topic"),
                ["routes"] = r["spec"]!["routes"]!.DeepClone(),
                ["deadLetterTopic"] = r.Text("spec.deadLetterTopic"),
                ["scopes"] = r["scopes"]!.DeepClone(),
            })
            .ToList();
        var deployed = Deployment.Json("subscriptions.json")["subscriptions"]!.AsArray();

        Assert.Equal(declared.Select(d => d.ToJsonString()), deployed.Select(d => d!.ToJsonString()));
    }

    /// <summary>Topics.cs: constant name -> topic.</summary>
    private static Dictionary<string, string> ContractTopics() =>
        TopicConstant().Matches(File.ReadAllText(RepositoryPaths.Combine("services", "BuildingBlocks", "Contracts", "Topics.cs")))
            .Where(m => m.Groups[1].Value != "PubSub")
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);

    /// <summary>Outbox relays: daprd publishes to namespace + app id + topic + "outbox" and subscribes to it (namespace "default" on Container Apps).</summary>
    private static IEnumerable<(string App, string Topic)> OutboxTopics() =>
        Deployment.AzureComponents
            .Where(c => c.Component.MetadataValue("outboxPublishTopic") is not null)
            .SelectMany(c => c.Component.Scopes.Select(app => (app, $"default{app}{c.Component.MetadataValue("outboxPublishTopic")}outbox")));

    /// <summary>
    /// The topics an app's code subscribes to: AddSubscription&lt;TEvent, ...&gt; (the topic TEvent declares) and
    /// WithTopic(Topics.PubSub, Topics.X).
    /// </summary>
    private static IEnumerable<string> CodeSubscriptions(string directory, Dictionary<string, string> topics)
    {
        var eventTopics = Directory.EnumerateFiles(RepositoryPaths.Combine("services", "BuildingBlocks", "Contracts", "Events"), "*.cs")
            .Select(f => EventDeclaration().Match(File.ReadAllText(f)))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups[2].Value, m => topics[m.Groups[1].Value], StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            var code = File.ReadAllText(file);
            foreach (Match m in AddSubscription().Matches(code))
            {
                yield return eventTopics[m.Groups[1].Value];
            }

            foreach (Match m in WithTopic().Matches(code))
            {
                yield return topics[m.Groups[1].Value];
            }
        }
    }

    /// <summary>product-service-v2 runs with Inventory__HostActors false, and AddProductService adds no subscription then.</summary>
    private static bool HostsSubscriptions(string appId) =>
        Deployment.App(appId)["env"]?["Inventory__HostActors"]?.GetValue<string>() != "false";

    [GeneratedRegex("""public const string (\w+) = "([^"]+)";""")]
    private static partial Regex TopicConstant();

    [GeneratedRegex("""\[IntegrationEvent\(Topics\.(\w+),[^\]]*\]\s*public sealed record (\w+)""")]
    private static partial Regex EventDeclaration();

    [GeneratedRegex("""AddSubscription<(\w+),""")]
    private static partial Regex AddSubscription();

    [GeneratedRegex("""WithTopic\(Topics\.PubSub, Topics\.(\w+)\)""")]
    private static partial Regex WithTopic();
}
