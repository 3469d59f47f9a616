namespace CloudPatterns.Testing.Components;

/// <summary>One topic subscription, programmatic (GET /dapr/subscribe) or declarative (a Subscription resource).</summary>
public sealed record SubscriptionDefinition(
    string AppId,
    string PubSubName,
    string Topic,
    IReadOnlyList<RouteRule> Rules,
    string? DefaultRoute,
    string? DeadLetterTopic,
    string Source)
{
    /// <summary>Parses one entry of an app's GET /dapr/subscribe answer.</summary>
    public static SubscriptionDefinition FromProgrammatic(string appId, JsonNode entry)
    {
        var routes = entry["routes"];
        var rules = routes?["rules"]?.AsArray()
            .Select(r => new RouteRule(r.Text("match") ?? string.Empty, r.Text("path") ?? string.Empty))
            .ToList() ?? [];
        var defaultRoute = routes?.Text("default") ?? entry.Text("route");
        return new SubscriptionDefinition(
            appId, entry.Text("pubsubname")!, entry.Text("topic")!, rules, defaultRoute, entry.Text("deadLetterTopic"), "GET /dapr/subscribe");
    }

    /// <summary>Parses a declarative Subscription resource (dapr.io/v2alpha1 or v1alpha1) for each app it is scoped to.</summary>
    public static IEnumerable<SubscriptionDefinition> FromResource(JsonObject resource, IEnumerable<string> allAppIds, string sourceFile)
    {
        var spec = resource["spec"];
        var rules = spec?["routes"]?["rules"]?.AsArray()
            .Select(r => new RouteRule(r.Text("match") ?? string.Empty, r.Text("path") ?? string.Empty))
            .ToList() ?? [];
        var defaultRoute = spec?["routes"].Text("default") ?? spec.Text("route");
        var scopes = resource["scopes"]?.AsArray().Select(s => s!.GetValue<string>()).ToList();
        foreach (var appId in scopes is { Count: > 0 } ? scopes : allAppIds)
        {
            yield return new SubscriptionDefinition(
                appId, spec.Text("pubsubname")!, spec.Text("topic")!, rules, defaultRoute, spec.Text("deadLetterTopic"),
                Path.GetFileName(sourceFile));
        }
    }
}
