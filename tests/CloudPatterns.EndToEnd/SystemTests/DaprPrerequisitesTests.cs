namespace CloudPatterns.EndToEnd.SystemTests;

/// <summary>What the real-runtime scenarios need, and the message they skip with when it is missing.</summary>
public sealed class DaprPrerequisitesTests
{
    private static readonly Dictionary<string, string?> s_environment = new(StringComparer.Ordinal)
    {
        ["PATH"] = string.Join(Path.PathSeparator, "/usr/bin", "/usr/local/bin"),
        ["HOME"] = "/home/dev",
    };

    [Fact]
    public void WithoutTheCliOnPathItSaysToInstallTheCliAndInitTheRuntimeAtThePinnedVersions()
    {
        var missing = DaprPrerequisites.Missing(Environment(), file => false);

        Assert.Equal(
            $"the Dapr CLI is not on PATH: install it (https://docs.dapr.io/getting-started/install-dapr-cli/, version {DaprVersions.Cli}), "
            + $"then run `dapr init --runtime-version {DaprVersions.Runtime}`", missing);
    }

    [Fact]
    public void WithTheCliButNoDaprdItSaysToRunDaprInitNamingWhereDaprdShouldBe()
    {
        var missing = DaprPrerequisites.Missing(Environment(), file => file == "/usr/local/bin/dapr");

        Assert.Equal($"the Dapr runtime is not initialised (/home/dev/.dapr/bin/daprd is missing): run `dapr init --runtime-version {DaprVersions.Runtime}` (it needs Docker)", missing);
    }

    [Theory]
    [InlineData(null, "/home/dev/.dapr/bin/daprd")]
    [InlineData("/opt/dapr", "/opt/dapr/.dapr/bin/daprd")]
    public void WithTheCliAndDaprdWhereTheCliLooksNothingIsMissing(string? runtimePath, string daprd)
    {
        var missing = DaprPrerequisites.Missing(Environment(("DAPR_RUNTIME_PATH", runtimePath)), file => file is "/usr/bin/dapr" || file == daprd);

        Assert.Null(missing);
    }

    private static Func<string, string?> Environment(params (string Name, string? Value)[] extra)
    {
        var environment = new Dictionary<string, string?>(s_environment, StringComparer.Ordinal);
        foreach (var (name, value) in extra)
        {
            environment[name] = value;
        }

        return name => environment.GetValueOrDefault(name);
    }
}
