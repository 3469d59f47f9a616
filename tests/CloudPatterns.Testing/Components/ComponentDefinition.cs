namespace CloudPatterns.Testing.Components;

/// <summary>A Dapr Component resource as the fabric needs it: name, type, plain metadata values and scopes.</summary>
public sealed record ComponentDefinition(
    string Name,
    string Type,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<string> Scopes,
    string? SourceFile = null)
{
    public bool IsScopedTo(string appId) => Scopes.Count == 0 || Scopes.Contains(appId);

    public string? MetadataValue(string name) => Metadata.TryGetValue(name, out var value) ? value : null;

    public bool IsActorStateStore => string.Equals(MetadataValue("actorStateStore"), "true", StringComparison.OrdinalIgnoreCase);

    public static ComponentDefinition FromResource(JsonObject resource, string? sourceFile = null)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in resource["spec"]?["metadata"]?.AsArray() ?? [])
        {
            var name = item.Text("name");
            var value = item.Text("value");
            if (name is not null && value is not null)
            {
                metadata[name] = value;
            }
        }

        return new ComponentDefinition(
            resource.Text("metadata.name") ?? throw new InvalidDataException($"{sourceFile}: a component has no metadata.name"),
            resource.Text("spec.type") ?? throw new InvalidDataException($"{sourceFile}: a component has no spec.type"),
            metadata,
            resource["scopes"]?.AsArray().Select(s => s!.GetValue<string>()).ToList() ?? [],
            sourceFile);
    }
}
