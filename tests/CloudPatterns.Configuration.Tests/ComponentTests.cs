namespace CloudPatterns.Configuration.Tests;

/// <summary>The components every environment loads: valid Dapr resources, known metadata, scoped to the apps that use them.</summary>
public sealed class ComponentTests
{
    private static readonly Dictionary<string, (string File, string Version)> s_crds = new(StringComparer.Ordinal)
    {
        ["Component"] = ("components.yaml", "v1alpha1"),
        ["Resiliency"] = ("resiliency.yaml", "v1alpha1"),
        ["Configuration"] = ("configuration.yaml", "v1alpha1"),
        ["Subscription"] = ("subscription.yaml", "v2alpha1"),
    };

    private readonly RunFile _runFile = RunFile.Load();

    [Theory]
    [MemberData(nameof(Resources.ComponentFolders), MemberType = typeof(Resources))]
    public void EveryResourceIsValidAgainstDaprsSchemaForIt(string folder)
    {
        var reference = ReferenceData.Require();
        foreach (var (resource, file) in Resources.In(folder).Concat(Resources.In("common")))
        {
            var kind = resource.Text("kind")!;
            Assert.True(s_crds.ContainsKey(kind), $"{file}: unexpected kind {kind}");
            Assert.StartsWith("dapr.io/", resource.Text("apiVersion"), StringComparison.Ordinal);
            var version = resource.Text("apiVersion")!["dapr.io/".Length..];
            var errors = CrdSchema.Validate(resource, CrdSchema.For(reference, s_crds[kind].File, kind == "Subscription" ? version : s_crds[kind].Version));
            Assert.True(errors.Count == 0, $"{file}: {string.Join("; ", errors)}");
        }
    }

    [Theory]
    [MemberData(nameof(Resources.ComponentFolders), MemberType = typeof(Resources))]
    public void EveryComponentUsesOnlyMetadataItsTypeDeclaresAndSetsWhatItRequires(string folder)
    {
        foreach (var (resource, file, schema) in ComponentsWithTheirSchemas(folder))
        {
            var names = MetadataNames(resource);

            Assert.True(names.Count == names.Distinct().Count(), $"{file}: a metadata name appears twice");
            Assert.True(names.All(schema.KnownNames.Contains),
                $"{file}: {string.Join(", ", names.Where(n => !schema.KnownNames.Contains(n)))} not declared by {schema.File}");
            Assert.True(schema.Required.All(names.Contains), $"{file}: missing required {string.Join(", ", schema.Required.Where(r => !names.Contains(r)))}");
            Assert.All(schema.OneOf, group => Assert.True(group.Count(names.Contains) == 1, $"{file}: set exactly one of {string.Join(", ", group)}"));
            Assert.True(schema.AuthenticationProfiles.Count == 0 || schema.AuthenticationProfiles.Any(p => p.All(names.Contains)),
                $"{file}: satisfies none of the authentication profiles of {schema.Type}");
        }
    }

    [Theory]
    [MemberData(nameof(Resources.ComponentFolders), MemberType = typeof(Resources))]
    public void SensitiveMetadataNeverAppearsInlineAndEveryItemHasOneSource(string folder)
    {
        foreach (var (resource, file, schema) in ComponentsWithTheirSchemas(folder))
        {
            foreach (var item in resource["spec"]!["metadata"]?.AsArray() ?? [])
            {
                var name = item.Text("name");
                var sources = new[] { "value", "envRef", "secretKeyRef" }.Count(source => item![source] is not null);
                Assert.True(sources == 1, $"{file}: {name} must take its value from exactly one of value, envRef and secretKeyRef");
                Assert.False(schema.SensitiveNames.Contains(name!) && item!["value"] is not null,
                    $"{file}: {name} is sensitive ({schema.File}); take it from a secret store (secretKeyRef) or the environment (envRef)");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Resources.Environments), MemberType = typeof(Resources))]
    public void ComponentNamesAreUniqueAndEveryComponentIsScopedToAppsThatExist(string environment)
    {
        var components = Resources.Components(environment);
        Assert.Equal(components.Count, components.Select(c => c.Resource.Text("metadata.name")).Distinct().Count());
        foreach (var (resource, file) in components)
        {
            var scopes = Scopes(resource);
            Assert.True(scopes.Count > 0, $"{file}: unscoped; every app would load it (database per service needs scopes)");
            Assert.True(scopes.All(_runFile.AppIds.Contains), $"{file}: scoped to unknown app ids {string.Join(", ", scopes.Where(s => !_runFile.AppIds.Contains(s)))}");
        }
    }

    [Theory]
    [MemberData(nameof(Resources.Environments), MemberType = typeof(Resources))]
    public void EveryComponentAnAppsCodeUsesExistsAndIsScopedToThatApp(string environment)
    {
        var registry = ComponentRegistry.FromFolders(RepositoryPaths.Combine("components", environment));
        foreach (var appId in _runFile.AppIds)
        {
            foreach (var name in AppCode.For(_runFile, appId).ComponentsUsed())
            {
                Assert.True(registry.TryGet(name, out var component), $"{appId} uses component {name}, which components/{environment} does not define");
                Assert.True(component.IsScopedTo(appId), $"{appId} uses component {name}, but components/{environment} scopes it to {string.Join(", ", component.Scopes)}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Resources.Environments), MemberType = typeof(Resources))]
    public void AnAppHasAtMostOneActorStateStore(string environment)
    {
        var registry = ComponentRegistry.FromFolders(RepositoryPaths.Combine("components", environment));
        foreach (var appId in _runFile.AppIds)
        {
            Assert.True(registry.ScopedTo(appId).Count(c => c.IsActorStateStore) <= 1, $"{appId} has more than one actor state store");
        }
    }

    [Theory]
    [MemberData(nameof(Resources.Environments), MemberType = typeof(Resources))]
    public void SecretReferencesGoThroughASecretStoreEveryScopedAppCanRead(string environment)
    {
        var registry = ComponentRegistry.FromFolders(RepositoryPaths.Combine("components", environment));
        foreach (var (resource, file) in Resources.Components(environment))
        {
            var references = resource["spec"]!["metadata"]?.AsArray().Where(m => m!["secretKeyRef"] is not null).ToList() ?? [];
            if (references.Count == 0)
            {
                continue;
            }

            var store = resource.Text("auth.secretStore");
            Assert.True(store is not null, $"{file}: uses secretKeyRef without auth.secretStore");
            Assert.True(registry.TryGet(store, out var secretStore) && secretStore.Type.StartsWith("secretstores.", StringComparison.Ordinal),
                $"{file}: auth.secretStore {store} is not a secret store component");
            Assert.True(Scopes(resource).All(secretStore.IsScopedTo), $"{file}: not every app it is scoped to can read secret store {store}");
        }
    }

    [Theory]
    [MemberData(nameof(Resources.Environments), MemberType = typeof(Resources))]
    public void EveryOutboxDropsTheMessageOfATransactionThatFailed(string environment)
    {
        // daprd queues an outbox message before the transaction runs; without this, one that finds no state is
        // redelivered for ever (dapr/dapr v1.18.3 pkg/runtime/pubsub/outbox.go).
        var registry = ComponentRegistry.FromFolders(RepositoryPaths.Combine("components", environment));
        foreach (var store in registry.Components.Where(c => c.MetadataValue("outboxPublishTopic") is not null))
        {
            Assert.Equal("true", store.MetadataValue("outboxDiscardWhenMissingState"));
        }
    }

    [Fact]
    public void LocalFilePathsResolveFromTheFolderOfEveryAppThatLoadsThem()
    {
        // Under `dapr run -f`, each sidecar runs in its app's folder, so relative paths resolve from there.
        foreach (var (resource, file) in Resources.Components("local"))
        {
            var metadata = resource["spec"]!["metadata"]?.AsArray() ?? [];
            foreach (var appId in Scopes(resource))
            {
                var appFolder = _runFile.AppDirectory(appId);
                foreach (var (name, mustExist) in new[] { ("connectionString", "folder"), ("secretsFile", "file"), ("rootPath", "parent") })
                {
                    if (metadata.FirstOrDefault(m => m.Text("name") == name)?.Text("value") is not { } value)
                    {
                        continue;
                    }

                    var path = Path.GetFullPath(Path.Combine(appFolder, value.Split('?')[0].Replace("file:", string.Empty, StringComparison.Ordinal)));
                    var exists = mustExist switch
                    {
                        "file" => File.Exists(path),
                        "folder" => Directory.Exists(Path.GetDirectoryName(path)),
                        _ => Directory.Exists(Path.GetDirectoryName(path.TrimEnd('/'))),
                    };
                    Assert.True(exists, $"{file}: {name} {value} does not resolve from {appId}'s folder ({path})");
                    Assert.StartsWith(RepositoryPaths.Root, path, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void TheLocalSecretsFileHoldsOnlyObviouslyFakeDevelopmentValues()
    {
        var secrets = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("components", "local", "secrets.dev.json")))!.AsObject();
        foreach (var (name, value) in secrets)
        {
            var text = value!.GetValue<string>();
            Assert.True(
                text.Contains("dev", StringComparison.OrdinalIgnoreCase) || text.Contains("fake", StringComparison.OrdinalIgnoreCase),
                $"secret {name} does not look like a development-only value");
        }
    }

    /// <summary>Each component in <paramref name="folder"/>, with the metadata schema Dapr declares for its type and version.</summary>
    private static IEnumerable<(JsonObject Resource, string File, ComponentMetadataSchema Schema)> ComponentsWithTheirSchemas(string folder)
    {
        var reference = ReferenceData.Require();
        return Resources.Components(folder).Select(c =>
            (c.Resource, c.File, ComponentMetadataSchema.Load(reference, c.Resource.Text("spec.type")!, c.Resource.Text("spec.version")!)));
    }

    private static List<string> MetadataNames(JsonObject component) =>
        component["spec"]!["metadata"]?.AsArray().Select(m => m.Text("name")!).ToList() ?? [];

    private static List<string> Scopes(JsonObject component) =>
        component["scopes"]?.AsArray().Select(s => s!.GetValue<string>()).ToList() ?? [];
}
