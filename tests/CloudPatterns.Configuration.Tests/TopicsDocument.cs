namespace CloudPatterns.Configuration.Tests;

/// <summary>
/// The generated table of docs/architecture.md: every topic, its event, the apps whose code builds that event
/// (publishers) and the apps that subscribe to it, in code (<c>AddSubscription</c>) or declaratively, read from the
/// sources so the page cannot go stale.
/// </summary>
public static partial class TopicsDocument
{
    public const string Begin = "<!-- BEGIN GENERATED: TopicsDocumentTests prints this part when the code changes -->";

    public const string End = "<!-- END GENERATED -->";

    public static string Generate()
    {
        var apps = AppSources();
        var declarative = YamlDocuments.Load(RepositoryPaths.Combine("components", "common", "analytics-pipeline.yaml"))
            .Where(r => r.Text("kind") == "Subscription")
            .Select(r => (Topic: r.Text("spec.topic")!, Apps: r["scopes"]!.AsArray().Select(a => a!.GetValue<string>())))
            .ToList();
        var text = new StringBuilder().AppendLine(Begin).AppendLine()
            .AppendLine("| topic | event | published by | consumed by |").AppendLine("|---|---|---|---|");
        foreach (var topic in DeclaredTopics())
        {
            var events = EventTypes.All.Where(e => e.Value.Topic == topic).Select(e => e.Key.Name).Order(StringComparer.Ordinal).ToList();
            var publishers = apps.Where(a => events.Any(e => Regex.IsMatch(a.Source, $@"\bnew\s+{e}\s*\("))).Select(a => a.Id);
            var subscribers = apps.Where(a => events.Any(e => Regex.IsMatch(a.Source, $@"AddSubscription<\s*{e}\s*,"))).Select(a => a.Id)
                .Concat(declarative.Where(d => d.Topic == topic).SelectMany(d => d.Apps));
            if (topic == Topics.DeadLetters)
            {
                publishers = ["every subscriber that drops a message (the note); Dapr (the message)"];
                subscribers = apps.Where(a => a.Source.Contains("MapDeadLetterSubscription(", StringComparison.Ordinal)).Select(a => a.Id);
            }

            text.AppendLine($"| `{topic}` | {string.Join(", ", events.Select(e => $"`{e}`"))} | {List(publishers)} | {List(subscribers)} |");
        }

        return text.AppendLine().AppendLine(End).ToString();
    }

    /// <summary>The generated part of <paramref name="document"/>, markers included; null when it has none.</summary>
    public static string? Extract(string document)
    {
        var begin = document.IndexOf(Begin, StringComparison.Ordinal);
        var end = document.IndexOf(End, begin < 0 ? 0 : begin, StringComparison.Ordinal);
        return begin < 0 || end < begin ? null : document[begin..(end + End.Length)] + "\n";
    }

    /// <summary>Every topic an integration event declares, by name (each event declares its own, beside it).</summary>
    private static IEnumerable<string> DeclaredTopics() =>
        EventTypes.All.Values.Select(e => e.Topic).Distinct().Order(StringComparer.Ordinal);

    /// <summary>Each app's C# sources (an app folder the run file names twice, the canary's, counts once, under its first id).</summary>
    private static IReadOnlyList<(string Id, string Source)> AppSources()
    {
        var runFile = RunFile.Load();
        return runFile.AppIds
            .Select(id => (Id: id, Directory: runFile.AppDirectory(id)))
            .DistinctBy(a => a.Directory)
            .Select(a => (a.Id, Source: string.Concat(Directory.EnumerateFiles(a.Directory, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(File.ReadAllText))))
            .ToList();
    }

    private static string List(IEnumerable<string> apps) => string.Join(", ", apps.Distinct().Order(StringComparer.Ordinal)) is { Length: > 0 } list ? list : "—";
}
