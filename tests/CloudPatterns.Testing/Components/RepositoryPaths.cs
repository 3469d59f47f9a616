namespace CloudPatterns.Testing.Components;

/// <summary>Finds the repository the tests run from, so they can read its real component and run files.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloudPatterns.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CloudPatterns.sln above {AppContext.BaseDirectory}.");
    });

    public static string Root => s_root.Value;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);
}
