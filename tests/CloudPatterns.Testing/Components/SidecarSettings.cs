namespace CloudPatterns.Testing.Components;

/// <summary>
/// What each app's sidecar is started with in the run file (dapr.yaml): its body size limit and the app's
/// concurrency limit. An app the run file does not name (a test's own app id) gets daprd's defaults.
/// </summary>
/// <remarks>
/// daprd: --max-body-size defaults to 4Mi and limits the HTTP and gRPC APIs, sidecar-to-sidecar calls and their
/// answers alike (https://github.com/dapr/dapr/blob/v1.18.3/cmd/daprd/options/options.go#L157-L162,
/// https://github.com/dapr/dapr/blob/v1.18.3/pkg/api/grpc/server.go#L358-L362); --app-max-concurrency defaults to
/// unlimited. The CLI passes the run file's maxBodySize (a quantity such as "16Mi"; a bare number is bytes) and
/// appMaxConcurrency (https://github.com/dapr/cli/blob/v1.18.0/pkg/standalone/run.go#L85-L86).
/// </remarks>
public sealed class SidecarSettings
{
    public const long DefaultMaxBodyBytes = 4 * 1024 * 1024;

    private readonly Dictionary<string, (long MaxBodyBytes, int? AppMaxConcurrency)> _apps = new(StringComparer.Ordinal);

    public static SidecarSettings FromRunFile(string? path = null)
    {
        var settings = new SidecarSettings();
        path ??= RepositoryPaths.Combine("dapr.yaml");
        if (!File.Exists(path))
        {
            return settings;
        }

        var runFile = YamlDocuments.Load(path).Single();
        var common = runFile["common"];
        foreach (var app in runFile["apps"]?.AsArray() ?? [])
        {
            var maxBody = app.Text("maxBodySize") ?? common.Text("maxBodySize");
            var concurrency = app.Text("appMaxConcurrency") ?? common.Text("appMaxConcurrency");
            settings._apps[app.Text("appID")!] = (
                maxBody is null ? DefaultMaxBodyBytes : Quantity(maxBody),
                concurrency is null ? null : int.Parse(concurrency, CultureInfo.InvariantCulture) is > 0 and var limit ? limit : null);
        }

        return settings;
    }

    /// <summary>Sets an app's body limit, for tests about the limit itself.</summary>
    public void SetMaxBodyBytes(string appId, long bytes) => _apps[appId] = (bytes, AppMaxConcurrency(appId));

    public long MaxBodyBytes(string appId) => _apps.TryGetValue(appId, out var app) ? app.MaxBodyBytes : DefaultMaxBodyBytes;

    public int? AppMaxConcurrency(string appId) => _apps.TryGetValue(appId, out var app) ? app.AppMaxConcurrency : null;

    /// <summary>A Kubernetes resource quantity: 16Mi, 4Ki, 10M, or a bare number of bytes.</summary>
    public static long Quantity(string text)
    {
        var units = new (string Suffix, long Factor)[] { ("Ki", 1L << 10), ("Mi", 1L << 20), ("Gi", 1L << 30), ("k", 1000), ("M", 1_000_000), ("G", 1_000_000_000) };
        foreach (var (suffix, factor) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal))
            {
                return long.Parse(text[..^suffix.Length], CultureInfo.InvariantCulture) * factor;
            }
        }

        return long.Parse(text, CultureInfo.InvariantCulture);
    }
}
