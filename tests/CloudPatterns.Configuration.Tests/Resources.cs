namespace CloudPatterns.Configuration.Tests;

/// <summary>
/// Every Dapr resource file in components/: the environment sets (local, azure, aws), each loaded together with
/// common/, and alternatives/, single components that replace the one of the same name in any set.
/// </summary>
public static class Resources
{
    public const string Local = "local";

    public const string AlternativesFolder = "alternatives";

    private static readonly string[] s_notSets = ["common", AlternativesFolder];

    /// <summary>The environment sets that exist, each a complete set of components.</summary>
    public static TheoryData<string> Environments => new(EnvironmentNames);

    /// <summary>The cloud sets, each held to the local one.</summary>
    public static TheoryData<string> CloudEnvironments => new(EnvironmentNames.Where(e => e != Local));

    /// <summary>The folders of components that run on someone's deployment: the cloud sets and the alternatives.</summary>
    public static TheoryData<string> DeploymentFolders => new([.. EnvironmentNames.Where(e => e != Local), AlternativesFolder]);

    /// <summary>Every folder of component files: the sets and the alternatives.</summary>
    public static TheoryData<string> ComponentFolders => new([.. EnvironmentNames, AlternativesFolder]);

    /// <summary>Each alternative component, by file name.</summary>
    public static TheoryData<string> Alternatives => new(
        Directory.GetFiles(RepositoryPaths.Combine("components", AlternativesFolder), "*.yaml")
            .Select(f => Path.GetFileName(f))
            .Order(StringComparer.Ordinal));

    public static IReadOnlyList<string> EnvironmentNames =>
        Directory.GetDirectories(RepositoryPaths.Combine("components"))
            .Select(d => Path.GetFileName(d))
            .Where(name => !s_notSets.Contains(name))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<(JsonObject Resource, string File)> In(string folder) =>
        Directory.EnumerateFiles(RepositoryPaths.Combine("components", folder), "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(file => YamlDocuments.Load(file).Select(resource => (resource, Path.GetRelativePath(RepositoryPaths.Root, file))))
            .ToList();

    public static IReadOnlyList<(JsonObject Resource, string File)> Components(string folder) =>
        In(folder).Where(r => r.Resource.Text("kind") == "Component").ToList();

    /// <summary>The components of a set as the sidecars would load them, as definitions.</summary>
    public static ComponentRegistry Set(string environment) =>
        ComponentRegistry.FromFolders(RepositoryPaths.Combine("components", environment));

    /// <summary>A set with one alternative in place of the component of the same name.</summary>
    public static IReadOnlyList<(JsonObject Resource, string File)> SetWith(string environment, string alternativeFile)
    {
        var alternative = Components(AlternativesFolder).Single(c => Path.GetFileName(c.File) == alternativeFile);
        var name = alternative.Resource.Text("metadata.name");
        return [.. Components(environment).Where(c => c.Resource.Text("metadata.name") != name), alternative];
    }
}
