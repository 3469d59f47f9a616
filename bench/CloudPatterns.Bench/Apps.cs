namespace CloudPatterns.Bench;

/// <summary>An app the harness publishes and starts: its project, and the path whose first 200 says it has started.</summary>
public sealed record App(string Name, string Project, bool IsAnchor = false, string Probe = "/alive")
{
    public static IReadOnlyList<App> All(string root) =>
    [
        new("empty-api", Path.Combine(root, "bench/EmptyApi/EmptyApi.csproj"), IsAnchor: true),
        new("gateway", Path.Combine(root, "services/Gateway/CloudPatterns.Gateway.csproj")),
        new("product-service", Path.Combine(root, "services/ProductService/CloudPatterns.ProductService.csproj")),
        new("order-service", Path.Combine(root, "services/OrderService/CloudPatterns.OrderService.csproj")),
        new("payment-service", Path.Combine(root, "services/PaymentService/CloudPatterns.PaymentService.csproj")),
        new("payment-provider", Path.Combine(root, "services/PaymentProviderSimulator/CloudPatterns.PaymentProviderSimulator.csproj"), Probe: "/health"),
        new("shipping-service", Path.Combine(root, "services/ShippingService/CloudPatterns.ShippingService.csproj")),
        new("notification-service", Path.Combine(root, "services/NotificationService/CloudPatterns.NotificationService.csproj")),
        new("analytics-service", Path.Combine(root, "services/AnalyticsService/CloudPatterns.AnalyticsService.csproj")),
        new("image-processor", Path.Combine(root, "services/ImageProcessor/CloudPatterns.ImageProcessor.csproj")),
    ];
}

/// <summary>A published app: where it is and how big (every file, which is the image's app layer).</summary>
public sealed record Published(App App, string Directory, string Dll, long Bytes)
{
    public double MiB => Bytes / 1024.0 / 1024.0;
}

public static class Publisher
{
    /// <summary>
    /// One dotnet publish in Release of all the apps through a solution filter, so shared projects build once and
    /// in parallel: each publishes for linux-x64, framework-dependent (its Directory.Build.props says so), as the
    /// containers run it. <paramref name="properties"/>: extra MSBuild properties (a setting under test).
    /// </summary>
    public static List<Published> PublishAll(string root, IReadOnlyList<App> apps, string work, string label, IEnumerable<string> properties, bool reuse = false)
    {
        // Relative, so each app publishes under its own bin/ (which git ignores); a label per publish, so settings under test keep apart.
        var publishDir = $"bin/bench-publish/{label}/";
        var filter = Path.Combine(work, $"{label}.slnf");
        Directory.CreateDirectory(work);
        File.WriteAllText(filter, JsonSerializer.Serialize(new
        {
            solution = new { path = Path.Combine(root, "CloudPatterns.sln"), projects = apps.Select(a => Path.GetRelativePath(root, a.Project)).ToArray() },
        }));
        if (reuse && apps.All(app => File.Exists(Path.Combine(Path.GetDirectoryName(app.Project)!, publishDir, Path.GetFileNameWithoutExtension(app.Project) + ".dll"))))
        {
            return Collect(apps, publishDir);
        }

        foreach (var app in apps)
        {
            var stale = Path.Combine(Path.GetDirectoryName(app.Project)!, publishDir);
            if (Directory.Exists(stale))
            {
                Directory.Delete(stale, recursive: true);
            }
        }

        string[] args = ["publish", filter, "-c", "Release", $"-p:PublishDir={publishDir}", "-nologo", "-v", "q", .. properties];
        var (code, text) = Shell.Run("dotnet", args, TimeSpan.FromMinutes(15));
        if (code != 0)
        {
            throw new InvalidOperationException($"publish failed:\n{text}");
        }

        return Collect(apps, publishDir);
    }

    private static List<Published> Collect(IReadOnlyList<App> apps, string publishDir) =>
        apps.Select(app =>
        {
            var output = Path.Combine(Path.GetDirectoryName(app.Project)!, publishDir);
            var bytes = new DirectoryInfo(output).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
            return new Published(app, output, Path.Combine(output, Path.GetFileNameWithoutExtension(app.Project) + ".dll"), bytes);
        }).ToList();
}

public static class Shell
{
    /// <summary>Runs a command to its end or its timeout (then kills it), returning its exit code and its output.</summary>
    public static (int Code, string Output) Run(string file, IEnumerable<string> args, TimeSpan timeout, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, $"{file} timed out after {timeout}\n{stdout.Result}{stderr.Result}");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
