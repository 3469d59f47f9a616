namespace CloudPatterns.Configuration.Tests;

/// <summary>
/// The building blocks change apart only while their references point one way: Hosting and Security stand on
/// Contracts alone, Sidecar adds Hosting, and only ServiceDefaults composes all three.
/// </summary>
public sealed class BuildingBlockTests
{
    [Theory]
    [InlineData("Contracts")]
    [InlineData("Hosting", "Contracts")]
    [InlineData("Security", "Contracts")]
    [InlineData("Sidecar", "Contracts", "Hosting")]
    [InlineData("ServiceDefaults", "Hosting", "Security", "Sidecar")]
    public void EachBuildingBlockReferencesOnlyWhatItStandsOn(string block, params string[] expected)
    {
        var project = XDocument.Load(RepositoryPaths.Combine("services", "BuildingBlocks", block, $"CloudPatterns.{block}.csproj"));
        var references = project.Descendants("ProjectReference")
            .Select(reference => Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value).Replace("CloudPatterns.", "", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(expected, references);
    }

    [Fact]
    public void EveryBuildingBlockIsCheckedHere()
    {
        var blocks = Directory.GetDirectories(RepositoryPaths.Combine("services", "BuildingBlocks"))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal);

        Assert.Equal(["Contracts", "Hosting", "Security", "ServiceDefaults", "Sidecar"], blocks);
    }
}
