namespace CloudPatterns.EndToEnd.Systems;

/// <summary>
/// What `dapr run -f .` needs on this machine: the Dapr CLI on PATH, and the runtime `dapr init` installs (daprd in
/// $DAPR_RUNTIME_PATH/.dapr/bin, else ~/.dapr/bin: dapr/cli v1.18.0 pkg/standalone/common.go, GetDaprRuntimePath).
/// </summary>
public static class DaprPrerequisites
{
    /// <summary>Why the real runtime cannot be started here, or null when it can.</summary>
    public static string? Missing(Func<string, string?> environment, Func<string, bool> fileExists)
    {
        var onPath = (environment("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, OperatingSystem.IsWindows() ? "dapr.exe" : "dapr"))
            .FirstOrDefault(fileExists);
        if (onPath is null)
        {
            return "the Dapr CLI is not on PATH: install it (https://docs.dapr.io/getting-started/install-dapr-cli/, "
                + $"version {DaprVersions.Cli}), then run `dapr init --runtime-version {DaprVersions.Runtime}`";
        }

        var runtimeRoot = environment("DAPR_RUNTIME_PATH") is { Length: > 0 } custom ? custom : environment("HOME") ?? string.Empty;
        var daprd = Path.Combine(runtimeRoot, ".dapr", "bin", OperatingSystem.IsWindows() ? "daprd.exe" : "daprd");
        return fileExists(daprd)
            ? null
            : $"the Dapr runtime is not initialised ({daprd} is missing): run `dapr init --runtime-version {DaprVersions.Runtime}` (it needs Docker)";
    }

    /// <summary>The same check against this machine.</summary>
    public static string? MissingHere() => Missing(Environment.GetEnvironmentVariable, File.Exists);
}
