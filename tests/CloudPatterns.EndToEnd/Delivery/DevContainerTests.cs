namespace CloudPatterns.EndToEnd.Delivery;

/// <summary>The dev container: .NET 10, Docker inside, the pinned Dapr CLI and runtime, the gateway's and Zipkin's ports.</summary>
public sealed class DevContainerTests
{
    private static readonly JsonObject s_devContainer = JsonNode.Parse(
        File.ReadAllText(RepositoryPaths.Combine(".devcontainer", "devcontainer.json")),
        documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();

    [Fact]
    public void ItHasTheDotnet10SdkAndDockerInsideForDaprInit()
    {
        Assert.Equal("mcr.microsoft.com/devcontainers/dotnet:10.0", s_devContainer["image"]!.GetValue<string>());
        Assert.NotNull(s_devContainer["features"]!["ghcr.io/devcontainers/features/docker-in-docker:2"]);
    }

    [Fact]
    public void ItPinsTheDaprCliAndRuntimeTheE2eWorkflowAndTheReadmeUse()
    {
        var readme = File.ReadAllText(RepositoryPaths.Combine("README.md"));

        Assert.Equal(DaprVersions.Cli, s_devContainer["features"]!["ghcr.io/dapr/cli/dapr-cli:0"]!["version"]!.GetValue<string>());
        Assert.Equal(DaprVersions.Runtime, s_devContainer["containerEnv"]!["DAPR_RUNTIME_VERSION"]!.GetValue<string>());
        Assert.Contains($"dapr init --runtime-version {DaprVersions.Runtime}", readme, StringComparison.Ordinal);
        Assert.Contains($"Dapr CLI {DaprVersions.Cli}", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void ItForwardsTheGatewayAndZipkin() =>
        Assert.Equal([5100, 9411], s_devContainer["forwardPorts"]!.AsArray().Select(p => p!.GetValue<int>()));

    [Fact]
    public void TheReadmeOpensWithHowToStartInADevContainer()
    {
        var opening = string.Join('\n', File.ReadLines(RepositoryPaths.Combine("README.md")).Take(12));

        Assert.Contains("Codespaces", opening, StringComparison.Ordinal);
        Assert.Contains(".devcontainer", opening, StringComparison.Ordinal);
    }
}
