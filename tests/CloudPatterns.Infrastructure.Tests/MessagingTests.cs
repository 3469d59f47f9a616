namespace CloudPatterns.Infrastructure.Tests;

/// <summary>
/// Service Bus as deployed: the topics the code names, a subscription for every topic each app's code (and the
/// declarative subscriptions) subscribe to, named after the app id as the component's consumerID defaults to it.
/// </summary>
public sealed partial class MessagingTests
{
    /// <summary>The topics main.bicep creates: every topic some app subscribes to, once (apps.json).</summary>
    private static readonly IReadOnlyList<string> s_topics = Deployment.Apps.SelectMany(app => Deployment.Strings(app["subscriptions"])).Distinct().ToList();

    [Fact]
    public void EveryTopicTheCodeNamesAndEveryOutboxTopicIsCreated()
    {
        var expected = ContractTopics().Values.Concat(OutboxTopics().Select(o => o.Topic)).Order(StringComparer.Ordinal).ToList();

        Assert.True(
            expected.SequenceEqual(s_topics.Order(StringComparer.Ordinal)),
            $"Bicep creates a Service Bus topic for each topic an app subscribes to in apps.json, so every topic needs a subscriber there. "
            + $"Expected [{string.Join(", ", expected)}], apps.json subscribes to [{string.Join(", ", s_topics.Order(StringComparer.Ordinal))}]");
    }

    [Fact]
    public void MainBicepDerivesTheTopicsFromTheAppsSubscriptions()
    {
        var main = File.ReadAllText(Deployment.Path("main.bicep"));

        Assert.Contains("var topics = reduce(flatten(map(apps, app => app.subscriptions)), [], (found, topic) => contains(found, topic) ? found : concat(found, [topic]))", main, StringComparison.Ordinal);
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

    /// <summary>Every integration event's name -> the topic it declares (the dead-letter note's is the dead-letter topic).</summary>
    private static Dictionary<string, string> ContractTopics() =>
        EventTypes.All.ToDictionary(e => e.Key.Name, e => e.Value.Topic, StringComparer.Ordinal);

    /// <summary>Outbox relays: daprd publishes to namespace + app id + topic + "outbox" and subscribes to it (namespace "default" on Container Apps).</summary>
    private static IEnumerable<(string App, string Topic)> OutboxTopics() =>
        Deployment.AzureComponents
            .Where(c => c.Component.MetadataValue("outboxPublishTopic") is not null)
            .SelectMany(c => c.Component.Scopes.Select(app => (app, $"default{app}{c.Component.MetadataValue("outboxPublishTopic")}outbox")));

    /// <summary>
    /// The topics an app's code subscribes to: AddSubscription&lt;TEvent, ...&gt; (the topic TEvent declares) and
    /// WithTopic(Topics.PubSub, Topics.X) (a topic of no single event: the dead letters).
    /// </summary>
    private static IEnumerable<string> CodeSubscriptions(string directory, Dictionary<string, string> eventTopics)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            var code = File.ReadAllText(file);
            foreach (Match m in AddSubscription().Matches(code))
            {
                yield return eventTopics[m.Groups[1].Value];
            }

            foreach (Match m in WithTopic().Matches(code))
            {
                yield return (string)typeof(Topics).GetField(m.Groups[1].Value)!.GetRawConstantValue()!;
            }
        }
    }

    /// <summary>product-service-v2 runs with Inventory__HostActors false, and AddProductService adds no subscription then.</summary>
    private static bool HostsSubscriptions(string appId) =>
        Deployment.App(appId)["env"]?["Inventory__HostActors"]?.GetValue<string>() != "false";

    [GeneratedRegex("""AddSubscription<(\w+),""")]
    private static partial Regex AddSubscription();

    [GeneratedRegex("""WithTopic\(Topics\.PubSub, Topics\.(\w+)\)""")]
    private static partial Regex WithTopic();
}
