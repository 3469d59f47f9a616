namespace CloudPatterns.Infrastructure.Tests;

/// <summary>
/// components/common/resiliency.yaml, as Container Apps takes it (resiliency.json). Components map one to one;
/// app targets cannot (a Container Apps policy binds the callee for every caller), so each app gets the longest
/// timeout any caller gives it and a breaker only where some caller has one.
/// </summary>
public sealed class ResiliencyTests
{
    private static readonly IReadOnlyList<JsonObject> s_yaml = YamlDocuments.Load(RepositoryPaths.Combine("components", "common", "resiliency.yaml"));
    private static readonly JsonObject s_json = Deployment.Json("resiliency.json");

    [Fact]
    public void ComponentPoliciesAreTheResiliencyYamlOnes()
    {
        var expected = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var resource in s_yaml)
        {
            var policies = resource["spec"]!["policies"]!;
            foreach (var (component, target) in resource["spec"]!["targets"]?["components"]?.AsObject() ?? [])
            {
                var mapped = new JsonObject();
                foreach (var direction in new[] { "outbound", "inbound" })
                {
                    if (target![direction] is JsonObject policy)
                    {
                        mapped[$"{direction}Policy"] = Map(policy, policies);
                    }
                }

                expected[component] = mapped;
            }
        }

        var deployed = s_json["components"]!.AsObject();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), deployed.Select(d => d.Key).Order(StringComparer.Ordinal));
        foreach (var (component, mapped) in expected)
        {
            Assert.True(JsonNode.DeepEquals(mapped, deployed[component]), $"{component}: resiliency.yaml means {mapped.ToJsonString()}, resiliency.json says {deployed[component]!.ToJsonString()}");
        }
    }

    [Fact]
    public void EveryComponentWithAPolicyIsDeployed()
    {
        Deployment.RequireAzureComponents();
        var names = Deployment.AzureComponents.Select(c => c.Component.Name).ToHashSet();

        Assert.All(s_json["components"]!.AsObject(), p => Assert.True(names.Contains(p.Key), $"resiliency.json names {p.Key}, which components/azure does not define"));
    }

    [Fact]
    public void EachAppGetsTheLongestTimeoutItsCallersAllowAndABreakerOnlyWhereACallerHasOne()
    {
        var callers = s_yaml
            .Where(r => r["spec"]!["targets"]?["apps"] is not null)
            .SelectMany(r => r["spec"]!["targets"]!["apps"]!.AsObject().Select(t => (Callee: t.Key, Target: t.Value!, Policies: r["spec"]!["policies"]!)))
            .GroupBy(t => t.Callee, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var deployed = s_json["apps"]!.AsObject();

        Assert.Equal(callers.Keys.Order(StringComparer.Ordinal), deployed.Select(d => d.Key).Order(StringComparer.Ordinal));
        foreach (var (callee, targets) in callers)
        {
            var policy = deployed[callee]!;
            var longest = targets.Max(t => Seconds(t.Policies["timeouts"]![t.Target.Text("timeout")!]!.GetValue<string>()));
            Assert.Equal(longest, policy["timeoutPolicy"]!["responseTimeoutInSeconds"]!.GetValue<int>());
            Assert.Null(policy["httpRetryPolicy"]);

            var breakers = targets.Where(t => t.Target.Text("circuitBreaker") is not null).ToList();
            Assert.Equal(breakers.Count > 0, policy["circuitBreakerPolicy"] is not null);
            if (breakers.Count > 0)
            {
                var breaker = breakers[0].Policies["circuitBreakers"]![breakers[0].Target.Text("circuitBreaker")!]!;
                Assert.Equal(Trip(breaker.Text("trip")!), policy["circuitBreakerPolicy"]!["consecutiveErrors"]!.GetValue<int>());
                Assert.Equal(Seconds(breaker.Text("timeout")!), policy["circuitBreakerPolicy"]!["intervalInSeconds"]!.GetValue<int>());
            }

            Assert.True(Deployment.App(callee)["dapr"]!.GetValue<bool>(), $"{callee} is called through Dapr");
        }
    }

    /// <summary>A Dapr policy reference set (timeout, retry, circuitBreaker) in the Container Apps shape.</summary>
    private static JsonObject Map(JsonObject target, JsonNode policies)
    {
        var mapped = new JsonObject();
        if (target.Text("timeout") is { } timeout)
        {
            mapped["timeoutPolicy"] = new JsonObject { ["responseTimeoutInSeconds"] = Seconds(policies["timeouts"]![timeout]!.GetValue<string>()) };
        }

        if (target.Text("retry") is { } retryName)
        {
            var retry = policies["retries"]![retryName]!;
            Assert.Equal("exponential", retry.Text("policy"));
            mapped["httpRetryPolicy"] = new JsonObject
            {
                ["maxRetries"] = int.Parse(retry.Text("maxRetries")!, CultureInfo.InvariantCulture),
                // Dapr's exponential back-off starts at 500 ms (its initialInterval default).
                ["retryBackOff"] = new JsonObject
                {
                    ["initialDelayInMilliseconds"] = 500,
                    ["maxIntervalInMilliseconds"] = Seconds(retry.Text("maxInterval")!) * 1000,
                },
            };
        }

        if (target.Text("circuitBreaker") is { } breakerName)
        {
            var breaker = policies["circuitBreakers"]![breakerName]!;
            mapped["circuitBreakerPolicy"] = new JsonObject
            {
                ["consecutiveErrors"] = Trip(breaker.Text("trip")!),
                ["intervalInSeconds"] = Seconds(breaker.Text("interval")!),
                ["timeoutInSeconds"] = Seconds(breaker.Text("timeout")!),
            };
        }

        return mapped;
    }

    private static int Seconds(string duration) =>
        duration.EndsWith("ms", StringComparison.Ordinal) ? int.Parse(duration[..^2], CultureInfo.InvariantCulture) / 1000
        : duration.EndsWith('m') ? int.Parse(duration[..^1], CultureInfo.InvariantCulture) * 60
        : int.Parse(duration.TrimEnd('s'), CultureInfo.InvariantCulture);

    /// <summary>"consecutiveFailures >= 5": the only trip condition Container Apps can express.</summary>
    private static int Trip(string trip)
    {
        Assert.StartsWith("consecutiveFailures >= ", trip, StringComparison.Ordinal);
        return int.Parse(trip["consecutiveFailures >= ".Length..], CultureInfo.InvariantCulture);
    }
}
