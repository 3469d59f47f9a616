namespace CloudPatterns.Configuration.Tests;

/// <summary>The pub/sub component of every set against resiliency.yaml's inbound budget, and SNS/SQS's naming rules.</summary>
public sealed class BrokerTests
{
    private readonly TimeSpan _budget = ResiliencyTests.InboundBudget(
        new ResiliencyPolicies(Resources.In("common").Where(r => r.Resource.Text("kind") == "Resiliency").Select(r => r.Resource).ToList(), TimeProvider.System)
            .ComponentInbound(AppIds.OrderService, Topics.PubSub));

    [Theory]
    [MemberData(nameof(Resources.Environments), MemberType = typeof(Resources))]
    public void TheBrokerDoesNotRedeliverAMessageTheSidecarIsStillRetrying(string environment)
    {
        Assert.True(Resources.Set(environment).TryGet(Topics.PubSub, out var pubsub));
        var problem = BrokerRedelivery.Problem(pubsub, _budget);
        Assert.True(problem is null, $"components/{environment}: {problem}");
    }

    [Theory]
    [MemberData(nameof(Resources.Alternatives), MemberType = typeof(Resources))]
    public void AnAlternativeBrokerDoesNotRedeliverAMessageTheSidecarIsStillRetrying(string alternative)
    {
        var component = ComponentDefinition.FromResource(Resources.Components(Resources.AlternativesFolder).Single(c => c.File.EndsWith(alternative, StringComparison.Ordinal)).Resource);
        if (component.Type.StartsWith("pubsub.", StringComparison.Ordinal))
        {
            var problem = BrokerRedelivery.Problem(component, _budget);
            Assert.True(problem is null, $"{alternative}: {problem}");
        }
    }

    [Fact]
    public void TopicNamesStayDistinctOnceSnsAndSqsHaveDroppedWhatTheyDoNotAllow()
    {
        var topics = TopicsInUse().ToList();
        var collisions = topics.GroupBy(SnsSqsName).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g)}").ToList();

        Assert.Contains(Topics.DeadLetters, topics);
        Assert.True(collisions.Count == 0, $"topics that become one SNS topic: {string.Join("; ", collisions)}");
        Assert.All(topics, t => Assert.NotEmpty(SnsSqsName(t)));
    }

    [Theory]
    [InlineData("orders.submitted", "orderssubmitted")]
    [InlineData("order-serviceorders.submittedoutbox", "order-serviceorderssubmittedoutbox")]
    [InlineData("012345678901234567890123456789012345678901234567890123456789012345678901234.fifo", "012345678901234567890123456789012345678901234567890123456789012345678901234fifo")]
    [InlineData("Some_invalid-name // for an AWS resource &*()*&&^Some invalid name // for an AWS resource &*()*&&^Some invalid name // for an AWS resource",
        "Some_invalid-nameforanAWSresourceSomeinvalidnameforanAWSresourceSomeinvalidnamef")]
    public void SnsSqsNamesKeepLettersDigitsDashesAndUnderscoresUpTo80(string topic, string expected) =>
        Assert.Equal(expected, SnsSqsName(topic));

    /// <summary>
    /// components-contrib v1.18.4 pubsub/aws/snssqs/snssqs.go, nameToAWSSanitizedName (standard, not FIFO): keeps
    /// [a-zA-Z0-9_-] and stops at 80 characters; the cases above are its own tests' (snssqs_test.go).
    /// </summary>
    public static string SnsSqsName(string topic) =>
        new(topic.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').Take(80).ToArray());

    /// <summary>
    /// Every topic a broker sees: the contract's, the declarative subscriptions', and the outbox's internal topics
    /// (app id + topic + "outbox", dapr/dapr v1.18.3 pkg/runtime/pubsub/outbox.go, outboxTopic).
    /// </summary>
    private static IEnumerable<string> TopicsInUse()
    {
        var contract = typeof(Topics).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name != nameof(Topics.PubSub))
            .Select(f => (string)f.GetRawConstantValue()!);
        var subscribed = Resources.In("common").Where(r => r.Resource.Text("kind") == "Subscription").Select(r => r.Resource.Text("spec.topic")!);
        var outboxes = Resources.EnvironmentNames.SelectMany(e => Resources.Set(e).Components)
            .Where(c => c.MetadataValue("outboxPublishTopic") is not null)
            .SelectMany(c => c.Scopes.Select(app => app + c.MetadataValue("outboxPublishTopic") + "outbox"));
        return contract.Concat(subscribed).Concat(outboxes).Distinct(StringComparer.Ordinal);
    }
}
