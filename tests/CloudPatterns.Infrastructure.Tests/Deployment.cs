namespace CloudPatterns.Infrastructure.Tests;

/// <summary>The Azure deployment's own files (infra/, azure.yaml, components/azure) and the run file, as data.</summary>
public static class Deployment
{
    public static string Path(params string[] parts) => RepositoryPaths.Combine(["infra", "bicep", .. parts]);

    public static JsonObject Json(string file) => JsonNode.Parse(File.ReadAllText(Path(file)), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();

    /// <summary>infra/bicep/apps.json: the container apps.</summary>
    public static IReadOnlyList<JsonObject> Apps { get; } = Json("apps.json")["apps"]!.AsArray().Select(a => a!.AsObject()).ToList();

    public static JsonObject App(string id) => Apps.Single(a => a.Text("id") == id);

    public static IReadOnlyList<string> Strings(JsonNode? array) => array?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];

    /// <summary>azure.yaml, the azd project.</summary>
    public static JsonObject AzureYaml { get; } = YamlDocuments.Load(RepositoryPaths.Combine("azure.yaml")).Single();

    /// <summary>dapr.yaml's apps: app id, port, app directory (relative to the repository).</summary>
    public static IReadOnlyList<(string Id, int Port, string Directory)> RunFileApps { get; } =
        YamlDocuments.Load(RepositoryPaths.Combine("dapr.yaml")).Single()["apps"]!.AsArray()
            .Select(a => (
                a.Text("appID")!,
                int.Parse(a.Text("appPort")!, System.Globalization.CultureInfo.InvariantCulture),
                System.IO.Path.GetRelativePath(RepositoryPaths.Root, RepositoryPaths.Combine(a.Text("appDirPath")!)).TrimEnd('/')))
            .ToList();

    /// <summary>The Dapr components of components/azure, one file each.</summary>
    public static IReadOnlyList<(string File, ComponentDefinition Component, JsonObject Resource)> AzureComponents { get; } =
        Directory.Exists(RepositoryPaths.Combine("components", "azure"))
            ? Directory.EnumerateFiles(RepositoryPaths.Combine("components", "azure"), "*.yaml").Order(StringComparer.Ordinal)
                .SelectMany(file => YamlDocuments.Load(file).Where(r => r.Text("kind") == "Component")
                    .Select(r => (System.IO.Path.GetFileName(file), ComponentDefinition.FromResource(r, file), r)))
                .ToList()
            : [];

    /// <summary>Every metadata entry of a component resource (value, envRef or secretKeyRef).</summary>
    public static IEnumerable<JsonObject> MetadataOf(JsonObject resource) =>
        resource["spec"]?["metadata"]?.AsArray().OfType<JsonObject>() ?? [];

    /// <summary>components/azure must exist for the deployment to mean anything.</summary>
    public static void RequireAzureComponents() =>
        Assert.True(AzureComponents.Count > 0, "components/azure holds no components: main.bicep deploys them (merge the branch that adds them).");
}
