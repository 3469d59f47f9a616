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
    /// Names a schema marks required that are really per-request metadata, which notification-service and the
    /// object store send with each invocation (components-contrib v1.18.4): localstorage reads fileName from the
    /// request; SendGrid and SES merge emailFrom, emailTo and subject from it; Twilio SMS takes the request's
    /// toNumber only when the component has none.
    /// </summary>
    private static readonly Dictionary<string, string[]> s_requestMetadata = new(StringComparer.Ordinal)
    {
        ["bindings.localstorage"] = ["fileName"],
        ["bindings.twilio.sendgrid"] = ["emailFrom", "emailTo", "subject"],
        ["bindings.aws.ses"] = ["emailFrom", "emailTo", "subject"],
        ["bindings.twilio.sms"] = ["toNumber"],
    };

    /// <summary>
    /// Names a schema marks required that are really "exactly one of": Vault takes a token or a file holding one
    /// (components-contrib v1.18.4 secretstores/hashicorp/vault/vault.go, initVaultToken).
    /// </summary>
    private static readonly Dictionary<string, string[][]> s_oneOf = new(StringComparer.Ordinal)
    {
        ["secretstores.hashicorp.vault"] = [["vaultToken", "vaultTokenMountPath"]],
    };

    /// <summary>
    /// Types whose schema lists only a static-key profile, although the code falls back to the default AWS
    /// credential chain when no key is given (bindings/aws/ses/ses.go Init, through common/aws/config.go NewConfig).
    /// </summary>
    private static readonly HashSet<string> s_defaultAwsChain = new(StringComparer.Ordinal) { "bindings.aws.ses" };

    private ComponentMetadataSchema(
        string type, HashSet<string> known, HashSet<string> sensitive, List<IReadOnlyList<string>> profiles, IReadOnlyList<string> required, string file)
    {
        Type = type;
        KnownNames = known;
        SensitiveNames = sensitive;
        AuthenticationProfiles = profiles;
        Required = required;
        File = file;
    }

    public string Type { get; }

    public string File { get; }

    public IReadOnlySet<string> KnownNames { get; }

    /// <summary>Names the schema marks sensitive: they may come from a secret store, never inline.</summary>
    public IReadOnlySet<string> SensitiveNames { get; }

    /// <summary>Required names outside the authentication profiles.</summary>
    public IReadOnlyList<string> Required { get; }

    /// <summary>Groups of names of which a component must set exactly one.</summary>
    public IReadOnlyList<string[]> OneOf => s_oneOf.GetValueOrDefault(Type, []);

    /// <summary>Each profile's required names; a component must satisfy at least one (when there are any).</summary>
    public IReadOnlyList<IReadOnlyList<string>> AuthenticationProfiles { get; }

    /// <summary>
    /// Loads dapr-components/{kind}/{name with dots as folders}/metadata.yaml for a component type such as
    /// state.sqlite, or .../{version}/metadata.yaml where a type has one per version (state.postgresql v2).
    /// </summary>
    public static ComponentMetadataSchema Load(string referenceRoot, string componentType, string version = "v1")
    {
        var parts = componentType.Split('.');
        var folder = Path.Combine([referenceRoot, "dapr-components", .. parts]);
        var file = new[] { Path.Combine(folder, "metadata.yaml"), Path.Combine(folder, version, "metadata.yaml") }.FirstOrDefault(System.IO.File.Exists)
            ?? throw new FileNotFoundException($"No metadata schema for component type {componentType} {version}", folder);

        var schema = YamlDocuments.Load(file).Single();
        var known = new HashSet<string>(StringComparer.Ordinal);
        var sensitive = new HashSet<string>(StringComparer.Ordinal);
        var profiles = new List<IReadOnlyList<string>>();

        AddNames(schema["metadata"], known, sensitive);
        foreach (var profile in schema["authenticationProfiles"]?.AsArray() ?? [])
        {
            profiles.Add(AddNames(profile!["metadata"], known, sensitive));
        }

        var builtins = YamlDocuments.Load(Path.Combine(referenceRoot, "dapr-components", "builtin-authentication-profiles.yaml")).Single();
        foreach (var builtin in schema["builtinAuthenticationProfiles"]?.AsArray() ?? [])
        {
            var extra = AddNames(builtin!["metadata"], known, sensitive);
            foreach (var profile in builtins[builtin.Text("name")!]?.AsArray() ?? [])
            {
                profiles.Add([.. extra, .. AddNames(profile!["metadata"], known, sensitive)]);
            }
        }

        if (s_defaultAwsChain.Contains(componentType))
        {
            profiles.Add([]);
        }

        known.UnionWith(s_runtimeMetadata.GetValueOrDefault(parts[0], []));
        var required = (schema["metadata"]?.AsArray() ?? [])
            .Where(m => m?["required"]?.GetValue<bool>() == true)
            .Select(m => m.Text("name")!)
            .Except(s_requestMetadata.GetValueOrDefault(componentType, []))
            .Except(s_oneOf.GetValueOrDefault(componentType, []).SelectMany(group => group))
            .ToList();
        return new ComponentMetadataSchema(componentType, known, sensitive, profiles, required, file);
    }

    private static List<string> AddNames(JsonNode? metadata, HashSet<string> known, HashSet<string> sensitive)
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

            if (item["sensitive"]?.GetValue<bool>() == true)
            {
                sensitive.Add(name);
            }
        }

        return required;
    }
}
