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

    /// <summary>A setting as an app ships it, read from services/<paramref name="service"/>/appsettings.json.</summary>
    public static T AppSetting<T>(string service, string key) =>
        new ConfigurationBuilder().AddJsonFile(Combine("services", service, "appsettings.json")).Build().GetValue<T>(key)
        ?? throw new InvalidOperationException($"services/{service}/appsettings.json has no {key}");

    /// <summary>
    /// A file of the public reference data (Dapr's and azd's schemas) the configuration tests check against, which is
    /// never copied into the repository: under the folder CLOUDPATTERNS_REFERENCE names, else ../shared/reference beside
    /// the repository. Null when neither holds it, and the test that needs it skips.
    /// </summary>
    public static string? Reference(params string[] parts) =>
        new[] { Environment.GetEnvironmentVariable("CLOUDPATTERNS_REFERENCE"), Path.Combine(Root, "..", "shared", "reference") }
            .Where(folder => !string.IsNullOrEmpty(folder))
            .Select(folder => Path.GetFullPath(Path.Combine([folder!, .. parts])))
            .FirstOrDefault(path => File.Exists(path) || Directory.Exists(path));
}
