namespace CloudPatterns.Configuration.Tests;

/// <summary>
/// The generated part of docs/components.md: every component name by environment, the alternatives, the variables
/// each set reads and the secrets each secret store must hold, all read from the YAML so the page cannot go stale.
/// </summary>
public static class ComponentsDocument
{
    public const string Begin = "<!-- BEGIN GENERATED: ComponentsDocumentTests prints this part when the YAML changes -->";

    public const string End = "<!-- END GENERATED -->";

    public const string AppsReader = "the apps";

    private static readonly string[] s_kindOrder = ["pubsub", "state", "secretstores", "bindings"];

    private static readonly string[] s_environmentOrder = [Resources.Local, "azure", "aws"];

    public static string Generate(IReadOnlyList<string> appIds)
    {
        var environments = Resources.EnvironmentNames.OrderBy(e => Array.IndexOf(s_environmentOrder, e) is var i and >= 0 ? i : int.MaxValue).ToList();
        var sets = environments.ToDictionary(e => e, e => Resources.Components(e).ToDictionary(c => c.Resource.Text("metadata.name")!, c => c.Resource));
        var local = Resources.Set(Resources.Local).Components
            .OrderBy(c => Array.IndexOf(s_kindOrder, c.Type.Split('.')[0]))
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();

        var text = new StringBuilder();
        text.AppendLine(Begin).AppendLine();
        text.AppendLine($"| component | scoped to | {string.Join(" | ", environments)} | in every set |");
        text.AppendLine($"|---|---|{string.Concat(environments.Select(_ => "---|"))}---|");
        foreach (var component in local)
        {
            var cells = environments.Select(e => sets[e].TryGetValue(component.Name, out var c) ? Describe(c) : "**missing**");
            text.AppendLine($"| `{component.Name}` | {Scopes(component.Scopes, appIds)} | {string.Join(" | ", cells)} | {RuntimeBehaviour(component)} |");
        }

        text.AppendLine().AppendLine("| alternative | replaces | type, authentication |").AppendLine("|---|---|---|");
        foreach (var (resource, file) in Resources.Components(Resources.AlternativesFolder))
        {
            text.AppendLine($"| `{file.Replace('\\', '/')}` | `{resource.Text("metadata.name")}` | {Describe(resource)} |");
        }

        text.AppendLine().AppendLine("| variable (envRef) | read by |").AppendLine("|---|---|");
        var variables = environments.Append(Resources.AlternativesFolder)
            .SelectMany(folder => Resources.Components(folder).SelectMany(c =>
                Metadata(c.Resource).Select(m => m.Text("envRef")).OfType<string>().Select(v => (Variable: v, Folder: folder, Component: c.Resource.Text("metadata.name")!))))
            .GroupBy(v => v.Variable)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var variable in variables)
        {
            var readers = variable.GroupBy(v => v.Folder).Select(f => $"{f.Key}: {Some(f.Select(v => v.Component).ToList(), Resources.Components(f.Key).Select(c => c.Resource.Text("metadata.name")!).ToList())}");
            text.AppendLine($"| `{variable.Key}` | {string.Join("; ", readers)} |");
        }

        text.AppendLine().AppendLine("| secret (in the set's `secretstore`) | read by |").AppendLine("|---|---|");
        foreach (var (secret, readers) in Secrets())
        {
            text.AppendLine($"| `{secret}` | {string.Join("; ", readers)} |");
        }

        return text.AppendLine().AppendLine(End).ToString();
    }

    /// <summary>The generated part of <paramref name="document"/>, markers included; null when it has none.</summary>
    public static string? Extract(string document)
    {
        var begin = document.IndexOf(Begin, StringComparison.Ordinal);
        var end = document.IndexOf(End, StringComparison.Ordinal);
        return begin < 0 || end < begin ? null : document[begin..(end + End.Length)] + "\n";
    }

    private static string Describe(JsonObject component)
    {
        var type = $"`{component.Text("spec.type")}`" + (component.Text("spec.version") is "v1" ? string.Empty : $" {component.Text("spec.version")}");
        return $"{type}, {Authentication(component)}";
    }

    private static string Authentication(JsonObject component)
    {
        var names = Metadata(component).Select(m => m.Text("name")).ToHashSet();
        var parts = new List<string>();
        if (names.Contains("azureClientId"))
        {
            parts.Add("managed identity");
        }
        else if (component.Text("spec.type")!.Contains(".aws.", StringComparison.Ordinal))
        {
            parts.Add("IAM role");
        }
        else if (names.Contains("vaultTokenMountPath"))
        {
            parts.Add("token file");
        }

        parts.AddRange(Metadata(component).Where(m => m["secretKeyRef"] is not null).Select(m => $"secret `{m.Text("secretKeyRef.name")}`"));
        return parts.Count == 0 ? "no credentials" : string.Join(", ", parts);
    }

    private static string Scopes(IReadOnlyList<string> scopes, IReadOnlyList<string> appIds) =>
        scopes.Count >= 5 ? $"every app but {string.Join(", ", appIds.Except(scopes))}" : string.Join(", ", scopes);

    /// <summary>Names from <paramref name="all"/>, listed as "all but ..." when at most two are left out.</summary>
    private static string Some(IReadOnlyList<string> some, IReadOnlyList<string> all)
    {
        var names = some.Distinct().Order(StringComparer.Ordinal).ToList();
        var others = all.Except(names).Order(StringComparer.Ordinal).ToList();
        return names.Count > 2 && others.Count <= 2 ? $"all but {string.Join(", ", others)}" : string.Join(", ", names);
    }

    private static string RuntimeBehaviour(ComponentDefinition component)
    {
        var notes = new List<string>();
        if (component.IsActorStateStore)
        {
            notes.Add("actor state store");
        }

        if (component.MetadataValue("keyPrefix") == "name")
        {
            notes.Add("keys shared by its apps (`keyPrefix: name`)");
        }

        if (component.MetadataValue("outboxPublishTopic") is { } topic)
        {
            notes.Add($"outbox to `{topic}`");
        }

        return string.Join("; ", notes);
    }

    /// <summary>The secrets the local set's secret store holds (components/local/secrets.dev.json).</summary>
    public static IEnumerable<string> LocalSecrets() =>
        JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("components", Resources.Local, "secrets.dev.json")))!.AsObject()
            .Select(kv => kv.Key)
            .Where(k => k != "development-notice");

    /// <summary>
    /// The secrets components reference, read by "{folder}: {component}", and the apps' own (the keys of the local
    /// secrets file no component references), read by "the apps".
    /// </summary>
    public static IEnumerable<(string Secret, IReadOnlyList<string> Readers)> Secrets()
    {
        var components = Resources.EnvironmentNames.Append(Resources.AlternativesFolder)
            .SelectMany(folder => Resources.Components(folder).SelectMany(c => Metadata(c.Resource)
                .Where(m => m["secretKeyRef"] is not null)
                .Select(m => (Secret: m.Text("secretKeyRef.name")!, Reader: $"{folder}: {c.Resource.Text("metadata.name")}"))))
            .ToList();
        var apps = LocalSecrets()
            .Where(k => components.All(c => c.Secret != k))
            .Select(k => (Secret: k, Reader: AppsReader));
        return apps.Concat(components)
            .GroupBy(s => s.Secret)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.Select(s => s.Reader).Distinct().ToList()));
    }

    private static IEnumerable<JsonNode> Metadata(JsonObject component) =>
        (component["spec"]!["metadata"]?.AsArray() ?? []).OfType<JsonNode>();
}
