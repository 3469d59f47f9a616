namespace CloudPatterns.EndToEnd.Systems;

/// <summary>
/// The apps of the multi-app run file (dapr.yaml) as the Dapr CLI starts them: app port, sidecar HTTP port, app
/// directory (where the CLI writes its logs) and environment. Read by both systems, so the fabric runs the gateway
/// with the settings `dapr run -f .` gives it and the real-runtime system knows where every app listens.
/// </summary>
public sealed class RunFile
{
    private RunFile(string directory, IReadOnlyList<RunFileApp> apps) => (Directory, Apps) = (directory, apps);

    /// <summary>The folder of the run file: where `dapr run -f .` and `dapr stop -f .` run.</summary>
    public string Directory { get; }

    public IReadOnlyList<RunFileApp> Apps { get; }

    public RunFileApp App(string appId) =>
        Apps.SingleOrDefault(a => a.AppId == appId) ?? throw new InvalidOperationException($"dapr.yaml has no app {appId}.");

    public static RunFile Load(string? path = null)
    {
        path ??= RepositoryPaths.Combine("dapr.yaml");
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var apps = (YamlDocuments.Load(path).Single()["apps"]?.AsArray() ?? []).Select(app => new RunFileApp(
                app.Text("appID")!,
                int.Parse(app.Text("appPort")!, CultureInfo.InvariantCulture),
                int.Parse(app.Text("daprHTTPPort")!, CultureInfo.InvariantCulture),
                Path.GetFullPath(Path.Combine(directory, app.Text("appDirPath")!)),
                (app!["env"]?.AsObject() ?? []).ToDictionary(e => e.Key, e => e.Value!.ToString(), StringComparer.Ordinal)))
            .ToList();
        return new RunFile(directory, apps);
    }
}

/// <summary>One app of the run file.</summary>
public sealed record RunFileApp(string AppId, int AppPort, int DaprHttpPort, string AppDirectory, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>
    /// The app's environment as configuration settings: `Gateway__Canary__0__Candidate` is `Gateway:Canary:0:Candidate`,
    /// as the .NET environment-variable configuration provider reads it.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string>> Settings =>
        Environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), e.Value));

    /// <summary>Where the Dapr CLI writes this app's and its sidecar's log files (dapr/cli v1.18.0 pkg/runfileconfig/run_file_config.go, GetLogsDir).</summary>
    public string LogDirectory => Path.Combine(AppDirectory, ".dapr", "logs");
}
