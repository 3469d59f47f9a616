namespace CloudPatterns.Infrastructure.Tests;

/// <summary>
/// The container images as the .NET SDK would build them (what can be known without a container engine): the
/// MSBuild properties of each app project, evaluated by the SDK itself.
/// </summary>
public sealed class ImageTests
{
    public static TheoryData<string> Projects() => [.. Deployment.Apps.Select(a => a.Text("project")!).Distinct()];

    [Theory]
    [MemberData(nameof(Projects))]
    public void EveryAppBuildsToASmallNonRootImageListeningOnItsPort(string project)
    {
        var evaluated = Evaluate(project);
        var properties = evaluated["Properties"]!;
        var ports = Deployment.Apps.Where(a => a.Text("project") == project).Select(a => a["port"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", properties.Text("ContainerBaseImage"), StringComparison.Ordinal);
        Assert.EndsWith("-chiseled", properties.Text("ContainerBaseImage"), StringComparison.Ordinal);
        Assert.True(int.TryParse(properties.Text("ContainerUser"), out var user) && user > 0, $"{project}: ContainerUser {properties.Text("ContainerUser")} is not a non-root uid");
        var port = Assert.Single(evaluated["Items"]!["ContainerPort"]!.AsArray());
        Assert.Equal(ports[0], port.Text("Identity"));
        var httpPorts = evaluated["Items"]!["ContainerEnvironmentVariable"]!.AsArray().Single(v => v.Text("Identity") == "ASPNETCORE_HTTP_PORTS");
        Assert.Equal(ports[0], httpPorts.Text("Value"));
    }

    [Fact]
    public void EveryContainerAppListensOnItsOwnPortWhateverItsImageSays()
    {
        // product-service-v2 runs product-service's image on another port: the container app sets the port.
        var region = File.ReadAllText(Deployment.Path("modules", "region.bicep"));

        Assert.Contains("{ name: 'ASPNETCORE_HTTP_PORTS', value: string(app.port) }", region, StringComparison.Ordinal);
    }

    private static JsonNode Evaluate(string project)
    {
        var evaluation = CommandResult.Run("dotnet", ["msbuild", RepositoryPaths.Combine(project), "-nologo",
            "-getProperty:ContainerBaseImage", "-getProperty:ContainerUser", "-getItem:ContainerPort", "-getItem:ContainerEnvironmentVariable"], TimeSpan.FromMinutes(2));
        Assert.True(evaluation.ExitCode == 0, $"dotnet msbuild {project}: {evaluation.Errors}{evaluation.Output}");
        return JsonNode.Parse(evaluation.Output)!;
    }
}
