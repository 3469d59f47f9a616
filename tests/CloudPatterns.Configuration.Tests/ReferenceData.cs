namespace CloudPatterns.Configuration.Tests;

/// <summary>
/// Public reference data the configuration is checked against (Dapr's CRD schemas and each component's
/// own metadata schema). It is read where it lives, never copied into the repository: set
/// CLOUDPATTERNS_REFERENCE, or keep it at ../shared/reference beside the repository.
/// </summary>
public static class ReferenceData
{
    public static string? Root { get; } = Locate();

    /// <summary>The reference folder, or a skipped test saying how to provide it.</summary>
    public static string Require()
    {
        if (Root is null)
        {
            Assert.Skip("Dapr reference schemas not found: set CLOUDPATTERNS_REFERENCE to a folder holding dapr-crds/ and dapr-components/, or keep it at ../shared/reference beside the repository.");
        }

        return Root;
    }

    private static string? Locate() => RepositoryPaths.Reference("dapr-crds") is { } crds ? Path.GetDirectoryName(crds) : null;
}
