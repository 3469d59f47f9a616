namespace CloudPatterns.Configuration.Tests;

/// <summary>dapr.yaml must start with `dapr run -f .`: the CLI refuses missing paths, and ports must not collide.</summary>
public sealed class RunFileTests
{
    // The keys Dapr CLI 1.18 reads from a run file (pkg/runfileconfig).
    private static readonly HashSet<string> s_topLevelKeys = ["version", "name", "common", "apps"];

    private static readonly HashSet<string> s_runKeys =
    [
        "appID", "appPort", "appProtocol", "appChannelAddress", "daprHTTPPort", "daprGRPCPort", "daprInternalGRPCPort",
        "metricsPort", "profilePort", "unixDomainSocket", "resourcesPaths", "configFilePath", "enableAppHealthCheck",
        "appHealthCheckPath", "appHealthProbeInterval", "appHealthProbeTimeout", "appHealthThreshold", "appMaxConcurrency",
        "maxBodySize", "readBufferSize", "placementHostAddress", "schedulerHostAddress", "logLevel", "enableApiLogging",
        "appLogDestination", "daprdLogDestination", "apiListenAddresses", "enableProfiling", "appSSL", "runtimePath", "env",
    ];

    private static readonly HashSet<string> s_appOnlyKeys = ["appDirPath", "command", "containerImage", "containerImagePullPolicy", "createService"];

    // Ports that `dapr init` takes: placement, scheduler, Redis, Zipkin, and the default sidecar ports.
    private static readonly int[] s_reservedPorts = [50005, 50006, 6379, 9411, 3500, 50001, 9090];

    private readonly RunFile _runFile = RunFile.Load();

    [Fact]
    public void TheRunFileUsesOnlyKeysTheDaprCliReads()
    {
        Assert.DoesNotContain(_runFile.Document.Select(kv => kv.Key), k => !s_topLevelKeys.Contains(k));
        Assert.Equal("1", _runFile.Document.Text("version"));
        Assert.DoesNotContain(_runFile.Common.Select(kv => kv.Key), k => !s_runKeys.Contains(k));
        foreach (var app in _runFile.Apps)
        {
            Assert.DoesNotContain(app.Select(kv => kv.Key), k => !s_runKeys.Contains(k) && !s_appOnlyKeys.Contains(k));
        }
    }

    [Fact]
    public void EveryAppFolderExistsAndHoldsAProject()
    {
        foreach (var appId in _runFile.AppIds)
        {
            var folder = _runFile.AppDirectory(appId);
            Assert.True(Directory.Exists(folder), $"{appId}: appDirPath {folder} does not exist");
            Assert.NotEmpty(Directory.GetFiles(folder, "*.csproj"));
        }
    }

    [Fact]
    public void EveryDeployableAppIsInTheRunFile()
    {
        var appFolders = Directory.GetDirectories(RepositoryPaths.Combine("services"))
            .Where(d => Path.GetFileName(d) != "BuildingBlocks")
            .Select(d => Path.GetFullPath(d).TrimEnd(Path.DirectorySeparatorChar))
            .Order(StringComparer.Ordinal);
        var runFolders = _runFile.AppIds.Select(id => _runFile.AppDirectory(id).TrimEnd(Path.DirectorySeparatorChar)).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(appFolders, runFolders);
    }

    [Fact]
    public void AppIdsArePlainDnsLabelsAndUnique()
    {
        Assert.Equal(_runFile.AppIds.Count, _runFile.AppIds.Distinct().Count());
        Assert.All(_runFile.AppIds, id => Assert.Matches("^[a-z][a-z0-9-]{1,62}$", id));
    }

    [Fact]
    public void NoTwoPortsCollideAndNoneTakesOneDaprNeeds()
    {
        var ports = _runFile.Apps
            .SelectMany(app => new[] { "appPort", "daprHTTPPort", "daprGRPCPort", "metricsPort" }
                .Select(key => (App: app.Text("appID"), Key: key, Port: int.Parse(app.Text(key) ?? "0", System.Globalization.CultureInfo.InvariantCulture))))
            .ToList();

        Assert.All(ports, p => Assert.True(p.Port > 0, $"{p.App} sets no {p.Key}"));
        var collisions = ports.GroupBy(p => p.Port).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(p => $"{p.App}.{p.Key}"))}");
        Assert.Empty(collisions);
        Assert.DoesNotContain(ports, p => s_reservedPorts.Contains(p.Port));
    }

    [Fact]
    public void EachAppListensOnTheAppPortItsSidecarCalls()
    {
        foreach (var app in _runFile.Apps)
        {
            var command = string.Join(' ', app["command"]!.AsArray().Select(c => c!.GetValue<string>()));
            Assert.Contains($"http://localhost:{app.Text("appPort")}", command, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ResourceAndConfigurationPathsExist()
    {
        var paths = (_runFile.Common["resourcesPaths"]?.AsArray() ?? []).Select(p => p!.GetValue<string>())
            .Append(_runFile.Common.Text("configFilePath")!);
        foreach (var path in paths)
        {
            var full = RepositoryPaths.Combine(path);
            Assert.True(Directory.Exists(full) || File.Exists(full), $"{path} does not exist");
        }
    }

    [Fact]
    public void EveryAppIsHealthCheckedOnItsReadinessEndpoint()
    {
        foreach (var app in _runFile.Apps)
        {
            Assert.Equal("true", _runFile.Setting(app, "enableAppHealthCheck"));
            Assert.Equal("/health", _runFile.Setting(app, "appHealthCheckPath"));
        }
    }

    [Fact]
    public void NoCommandBuildsSoStartingEveryAppAtOnceCannotRace()
    {
        // The CLI starts every app at once (dapr/cli v1.18.0 cmd/run.go); ten parallel builds of shared projects,
        // two of them into ProductService's own bin/obj, would fail with CS2012/MSB3021 on a clean checkout.
        foreach (var app in _runFile.Apps)
        {
            var command = app["command"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
            Assert.True(command.Contains("--no-build"), $"{app.Text("appID")}: `{string.Join(' ', command)}` would build while the others build too");
        }

        var readme = File.ReadAllText(RepositoryPaths.Combine("README.md"));
        Assert.Contains("dotnet build CloudPatterns.sln && dapr run -f .", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void EnvironmentVariableNamesSurviveAPosixShell()
    {
        // Apps start through /bin/sh; dash (Debian's and Ubuntu's sh) drops names it cannot export, such as ones with a dash.
        var names = (_runFile.Common["env"]?.AsObject() ?? []).Select(kv => kv.Key)
            .Concat(_runFile.Apps.SelectMany(app => (app["env"]?.AsObject() ?? []).Select(kv => kv.Key)));
        Assert.All(names, name => Assert.Matches("^[A-Za-z_][A-Za-z0-9_]*$", name));
    }

    [Fact]
    public void EverySidecarOnTheImagePathTakesTheLargestUpload()
    {
        // daprd refuses bodies and gRPC messages over --max-body-size (default 4Mi) on the HTTP API, between sidecars
        // and between an app and its sidecar: the upload crosses the gateway's and product-service's, the original
        // is written by product-service's and read back by image-processor's. An upload from the operations console
        // crosses the web site's sidecar too, as a form around the image.
        var upload = new[]
        {
            RepositoryPaths.AppSetting<long>("Gateway", "ReverseProxy:Routes:product-images:Metadata:MaxRequestBodyBytes"),
            RepositoryPaths.AppSetting<long>("Gateway", "ReverseProxy:Routes:site-image-upload:Metadata:MaxRequestBodyBytes"),
            RepositoryPaths.AppSetting<long>("ProductService", "Images:MaxUploadBytes"),
        }.Max();
        foreach (var appId in new[] { "gateway", "product-service", "product-service-v2", "image-processor", "web" })
        {
            var limit = _runFile.Setting(_runFile.App(appId), "maxBodySize") is { } quantity ? SidecarSettings.Quantity(quantity) : SidecarSettings.DefaultMaxBodyBytes;
            Assert.True(limit > upload, $"{appId}'s sidecar takes {limit} bytes, less than an upload of {upload}");
        }
    }

    /// <summary>The targets of scripts/run, by the component set each runs with.</summary>
    public static TheoryData<string, string> Targets => TheoryGroups.Of(
        ("local", ["local"]),
        ("azure", ["azure"]),
        ("aws", ["aws", "localstack"]));

    [Theory, MemberData(nameof(Targets))]
    public void ScriptsRunUsesTheRunFileWithOnlyTheComponentSetChanged(string set, string target)
    {
        var expected = _runFile.Document.DeepClone().AsObject();
        var paths = expected["common"]!["resourcesPaths"]!.AsArray();
        paths[paths.Select(p => p!.GetValue<string>()).ToList().IndexOf("./components/local")] = $"./components/{set}";

        var printed = YamlDocuments.Parse(RunScript("--print", target)).Single();

        Assert.True(JsonNode.DeepEquals(expected, printed), $"scripts/run --print {target} differs from dapr.yaml beyond resourcesPaths:\n{printed}");
    }

    private static string RunScript(params string[] arguments)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("scripts/run is a POSIX shell script; run it from Git Bash or WSL.");
        }

        var run = CommandResult.Run("sh", [RepositoryPaths.Combine("scripts", "run"), .. arguments], TimeSpan.FromMinutes(1), RepositoryPaths.Root);
        Assert.True(run.ExitCode == 0, $"scripts/run {string.Join(' ', arguments)} failed: {run.Errors}");
        return run.Output;
    }
}
