namespace CloudPatterns.Configuration.Tests;

/// <summary>dapr.yaml, the multi-app run file, with each app's settings merged over <c>common</c> as the CLI merges them.</summary>
public sealed class RunFile
{
    private RunFile(JsonObject document) => Document = document;

    public JsonObject Document { get; }

    public JsonObject Common => Document["common"]?.AsObject() ?? [];

    public IReadOnlyList<JsonObject> Apps => Document["apps"]!.AsArray().Select(a => a!.AsObject()).ToList();

    public IReadOnlyList<string> AppIds => Apps.Select(a => a.Text("appID")!).ToList();

    public static RunFile Load() => new(YamlDocuments.Load(RepositoryPaths.Combine("dapr.yaml")).Single());

    /// <summary>An app's value for <paramref name="key"/>, else common's.</summary>
    public string? Setting(JsonObject app, string key) => app.Text(key) ?? Common.Text(key);

    public JsonObject App(string appId) => Apps.Single(a => a.Text("appID") == appId);

    public string AppDirectory(string appId) => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, App(appId).Text("appDirPath")!));
}
