using System.Text.Json.Nodes;
using CloudPatterns.Testing.Components;

namespace CloudPatterns.Configuration.Tests;

/// <summary>
/// A Dapr component's own metadata schema (components-contrib metadata.yaml): which metadata names it
/// knows, and which authentication profiles it offers (each with its required fields).
/// </summary>
public sealed class ComponentMetadataSchema
{
    /// <summary>Metadata the Dapr runtime itself reads from any component of a kind, not listed per component.</summary>
    private static readonly Dictionary<string, string[]> s_runtimeMetadata = new(StringComparer.Ordinal)
    {
        ["state"] = ["actorStateStore", "keyPrefix", "outboxPublishPubsub", "outboxPublishTopic", "outboxPubsub", "outboxDiscardWhenMissingState"],
        ["pubsub"] = ["publishingScopes", "subscriptionScopes", "allowedTopics", "protectedTopics", "consumerID"],
        ["bindings"] = ["direction", "route"],
        ["secretstores"] = [],
    };

    /// <summary>
    /// Names a schema marks required that are really per-request metadata: the local storage binding reads
    /// fileName from each invocation (docs.dapr.io, "Local Storage binding spec"), never from the component.
    /// </summary>
    private static readonly Dictionary<string, string[]> s_requestMetadata = new(StringComparer.Ordinal)
    {
        ["bindings.localstorage"] = ["fileName"],
    };

    private ComponentMetadataSchema(string type, HashSet<string> known, List<IReadOnlyList<string>> profiles, IReadOnlyList<string> required, string file)
    {
        Type = type;
        KnownNames = known;
        AuthenticationProfiles = profiles;
        Required = required;
        File = file;
    }

    public string Type { get; }

    public string File { get; }

    public IReadOnlySet<string> KnownNames { get; }

    /// <summary>Required names outside the authentication profiles.</summary>
    public IReadOnlyList<string> Required { get; }

    /// <summary>Each profile's required names; a component must satisfy at least one (when there are any).</summary>
    public IReadOnlyList<IReadOnlyList<string>> AuthenticationProfiles { get; }

    /// <summary>Loads dapr-components/{kind}/{name with dots as folders}/metadata.yaml for a component type such as state.sqlite.</summary>
    public static ComponentMetadataSchema Load(string referenceRoot, string componentType)
    {
        var parts = componentType.Split('.');
        var file = Path.Combine([referenceRoot, "dapr-components", .. parts, "metadata.yaml"]);
        if (!System.IO.File.Exists(file))
        {
            throw new FileNotFoundException($"No metadata schema for component type {componentType}", file);
        }

        var schema = YamlDocuments.Load(file).Single();
        var known = new HashSet<string>(StringComparer.Ordinal);
        var profiles = new List<IReadOnlyList<string>>();

        AddNames(schema["metadata"], known);
        foreach (var profile in schema["authenticationProfiles"]?.AsArray() ?? [])
        {
            profiles.Add(AddNames(profile!["metadata"], known));
        }

        var builtins = YamlDocuments.Load(Path.Combine(referenceRoot, "dapr-components", "builtin-authentication-profiles.yaml")).Single();
        foreach (var builtin in schema["builtinAuthenticationProfiles"]?.AsArray() ?? [])
        {
            var extra = AddNames(builtin!["metadata"], known);
            foreach (var profile in builtins[builtin.Text("name")!]?.AsArray() ?? [])
            {
                profiles.Add([.. extra, .. AddNames(profile!["metadata"], known)]);
            }
        }

        known.UnionWith(s_runtimeMetadata.GetValueOrDefault(parts[0], []));
        var required = (schema["metadata"]?.AsArray() ?? [])
            .Where(m => m?["required"]?.GetValue<bool>() == true)
            .Select(m => m.Text("name")!)
            .Except(s_requestMetadata.GetValueOrDefault(componentType, []))
            .ToList();
        return new ComponentMetadataSchema(componentType, known, profiles, required, file);
    }

    private static List<string> AddNames(JsonNode? metadata, HashSet<string> known)
    {
        var required = new List<string>();
        foreach (var item in metadata?.AsArray() ?? [])
        {
            var name = item.Text("name")!;
            known.Add(name);
            if (item!["required"]?.GetValue<bool>() == true)
            {
                required.Add(name);
            }
        }

        return required;
    }
}
