using System.Text.Json.Nodes;
using CloudPatterns.Testing.Components;

namespace CloudPatterns.Configuration.Tests;

/// <summary>Every Dapr resource file in components/, by environment.</summary>
public static class Resources
{
    /// <summary>The environment folders (local, azure, aws) that exist; common/ is loaded with each.</summary>
    public static TheoryData<string> Environments => new(
        Directory.GetDirectories(RepositoryPaths.Combine("components"))
            .Select(Path.GetFileName)
            .Where(name => name != "common")
            .Order(StringComparer.Ordinal)!);

    public static IReadOnlyList<(JsonObject Resource, string File)> In(string folder) =>
        Directory.EnumerateFiles(RepositoryPaths.Combine("components", folder), "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(file => YamlDocuments.Load(file).Select(resource => (resource, Path.GetRelativePath(RepositoryPaths.Root, file))))
            .ToList();

    public static IReadOnlyList<(JsonObject Resource, string File)> Components(string environment) =>
        In(environment).Where(r => r.Resource.Text("kind") == "Component").ToList();
}
