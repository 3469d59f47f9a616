namespace CloudPatterns.Infrastructure.Tests;

/// <summary>
/// The real Bicep compiler, from the NuGet package Azure.Bicep.CommandLine.linux-x64 the test project restores
/// (its path is baked into the assembly at build time). main.bicep is compiled once per test run.
/// </summary>
public static class Bicep
{
    private static readonly Lazy<Compilation> s_main = new(() => Build(Deployment.Path("main.bicep")));

    /// <summary>main.bicep as ARM JSON, with the compiler's diagnostics.</summary>
    public static Compilation Main
    {
        get
        {
            RequireCompiler();
            return s_main.Value;
        }
    }

    /// <summary>The bicep executable, or a skipped test saying why there is none here.</summary>
    public static string RequireCompiler()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            Assert.Skip("The Bicep compiler package restored here is for linux-x64; run these checks on Linux x64 (CI does).");
            return string.Empty;
        }

        var package = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepPackagePath").Value;
        var executable = Path.Combine(package ?? string.Empty, "tools", "bicep");
        Assert.True(File.Exists(executable), $"No Bicep compiler at {executable}: restore tests/CloudPatterns.Infrastructure.Tests.");

        // NuGet does not keep the execute bit of package files.
        var mode = File.GetUnixFileMode(executable);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(executable, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return executable;
    }

    private static Compilation Build(string file)
    {
        var output = Path.Combine(Path.GetTempPath(), $"cloudpatterns-{Guid.NewGuid():N}.json");
        var build = CommandResult.Run(RequireCompiler(), ["build", file, "--outfile", output], TimeSpan.FromMinutes(3));
        var diagnostics = (build.Errors + build.Output)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToList();
        JsonObject? template = null;
        if (File.Exists(output))
        {
            template = JsonNode.Parse(File.ReadAllText(output))!.AsObject();
            File.Delete(output);
        }

        return new Compilation(build.ExitCode, diagnostics, template);
    }
}

/// <summary>A compiled Bicep file: the compiler's exit code and every diagnostic it printed, and the template.</summary>
public sealed record Compilation(int ExitCode, IReadOnlyList<string> Diagnostics, JsonObject? Template)
{
    /// <summary>Every resource of the template and of its nested module templates.</summary>
    public IEnumerable<JsonObject> Resources => ResourcesOf(Template!);

    /// <summary>The template of a module main.bicep declares, by its symbolic name (e.g. primaryAccess).</summary>
    public JsonObject Module(string symbolicName) =>
        Template!["resources"]![symbolicName]?["properties"]?["template"]?.AsObject()
        ?? throw new InvalidOperationException($"main.bicep declares no module {symbolicName}.");

    /// <summary>The templates nested in <paramref name="template"/> (its modules), whose deployment name contains <paramref name="deploymentName"/>.</summary>
    public static JsonObject NestedModule(JsonObject template, string deploymentName) =>
        ResourceList(template)
            .Where(r => r["type"]?.GetValue<string>() == "Microsoft.Resources/deployments" && r["name"]!.ToString().Contains(deploymentName, StringComparison.Ordinal))
            .Select(r => r["properties"]!["template"]!.AsObject())
            .First();

    private static IEnumerable<JsonObject> ResourcesOf(JsonObject template)
    {
        foreach (var resource in ResourceList(template))
        {
            yield return resource;
            if (resource["properties"] is JsonObject properties && properties["template"] is JsonObject nested)
            {
                foreach (var inner in ResourcesOf(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>A template's own resources (symbolic-name templates keep them in an object, others in an array).</summary>
    public static IEnumerable<JsonObject> ResourceList(JsonObject template) => template["resources"] switch
    {
        JsonArray list => list.OfType<JsonObject>(),
        JsonObject map => map.Select(kv => kv.Value).OfType<JsonObject>(),
        _ => [],
    };
}
