namespace CloudPatterns.EndToEnd.Systems;

/// <summary>
/// The system on the real Dapr runtime, as a user runs it: `dotnet build CloudPatterns.sln`, then `dapr run -f .` from
/// the repository root (every app of dapr.yaml with its sidecar), ready when every app answers its /health; stopped
/// with `dapr stop -f .`. Or, with <see cref="DaprCliOptions.BaseUrl"/>, a system someone already started: nothing is
/// started or stopped, and only the gateway's /health is awaited.
/// </summary>
/// <remarks>
/// dapr/cli v1.18.0: `dapr run -f .` finds dapr.yaml in the folder and runs in the foreground until interrupted
/// (cmd/run.go, executeRunWithAppsConfigFile); `dapr stop -f .` stops every app whose run template path is that file's,
/// by signalling the `dapr run` process group (pkg/standalone/stop.go, StopAppsWithRunFile); each app's and sidecar's log
/// is a file in {appDirPath}/.dapr/logs (pkg/runfileconfig/run_file_config.go, GetLogsDir).
/// </remarks>
public sealed class DaprCliSystem(RunFile runFile, DaprCliOptions options, IProcessRunner processes, HttpMessageHandler http, TimeProvider time)
    : ISystemUnderTest, IAsyncDisposable
{
    private const string GatewayId = "gateway";
    private const string ProviderId = "payment-provider";

    private IRunningProcess? _run;

    public string Name => options.BaseUrl is null ? "`dapr run -f .`" : $"the system at {options.BaseUrl}";

    public bool HasFakeClock => false;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The run's command lines, in order (for its own tests and for failure messages).</summary>
    public List<ProcessSpec> Commands { get; } = [];

    private Uri GatewayAddress => options.BaseUrl ?? Local(runFile.App(GatewayId).AppPort);

    /// <summary>Builds, starts and waits for every app; on any failure stops what it started and throws saying why.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (options.BaseUrl is not null)
        {
            await WaitForHealthAsync([(GatewayId, new Uri(options.BaseUrl, "health"))], cancellationToken);
            return;
        }

        if (options.Build)
        {
            var build = await RunAsync(new ProcessSpec("dotnet", ["build", "CloudPatterns.sln"], runFile.Directory), cancellationToken);
            if (build.ExitCode != 0)
            {
                throw new InvalidOperationException($"`dotnet build CloudPatterns.sln` failed with exit code {build.ExitCode}:\n{Tail(build.Output)}");
            }
        }

        var run = new ProcessSpec("dapr", ["run", "-f", "."], runFile.Directory);
        Commands.Add(run);
        _run = processes.Start(run);
        try
        {
            await WaitForHealthAsync(runFile.Apps.Select(a => (a.AppId, new Uri(Local(a.AppPort), "health"))).ToList(), cancellationToken);
        }
        catch
        {
            await StopAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>`dapr stop -f .`, then waits (up to <see cref="DaprCliOptions.StopTimeout"/>) for `dapr run` to end, else kills it.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_run is null)
        {
            return;
        }

        await RunAsync(new ProcessSpec("dapr", ["stop", "-f", "."], runFile.Directory), cancellationToken);
        var deadline = time.GetUtcNow() + options.StopTimeout;
        while (!_run.HasExited && time.GetUtcNow() < deadline)
        {
            await Task.Delay(options.PollInterval, time, cancellationToken);
        }

        _run.Kill();
        await _run.DisposeAsync();
        _run = null;
    }

    public HttpClient Gateway(string? bearerToken = null) => Client(GatewayAddress, bearerToken);

    public HttpClient Sidecar(string appId, string? bearerToken = null) => Client(Local(runFile.App(appId).DaprHttpPort), bearerToken);

    public HttpClient PaymentProvider() => Client(Local(runFile.App(ProviderId).AppPort), null);

    /// <summary>The email binding's folder: rootPath ../../.data/mail from each app's directory (components/local/email.yaml), so .data/mail.</summary>
    public async Task<IReadOnlyList<MailFile>> MailAsync()
    {
        var folder = Path.Combine(runFile.Directory, ".data", "mail");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var mail = new List<MailFile>();
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            mail.Add(new MailFile(Path.GetFileName(file), await File.ReadAllTextAsync(file)));
        }

        return mail;
    }

    public Task PassTimeAsync(TimeSpan duration) => Task.Delay(duration < options.PollInterval ? duration : options.PollInterval, time);

    /// <summary>Where to look when a scenario fails: every app's log folder.</summary>
    public string LogFolders => string.Join(", ", runFile.Apps.Select(a => Path.GetRelativePath(runFile.Directory, a.LogDirectory)).Distinct());

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task WaitForHealthAsync(IReadOnlyList<(string AppId, Uri Health)> apps, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.StartTimeout;
        var waiting = apps.ToList();
        using var client = new HttpClient(http, disposeHandler: false) { Timeout = options.ProbeTimeout };
        while (true)
        {
            foreach (var app in waiting.ToList())
            {
                if (await IsHealthyAsync(client, app.Health, cancellationToken))
                {
                    waiting.Remove(app);
                }
            }

            if (waiting.Count == 0)
            {
                return;
            }

            if (_run is { HasExited: true })
            {
                throw new InvalidOperationException(
                    $"`dapr run -f .` exited with code {_run.ExitCode} before {Names(waiting)} answered /health. Its output:\n{Tail(_run.Output)}\nLogs: {LogFolders}");
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new TimeoutException(
                    $"{Names(waiting)} did not answer /health within {options.StartTimeout.TotalSeconds:0} s of {Name}." +
                    (_run is null ? string.Empty : $" Logs: {LogFolders}. `dapr run` printed:\n{Tail(_run.Output)}"));
            }

            await Task.Delay(options.PollInterval, time, cancellationToken);
        }
    }

    private static async Task<bool> IsHealthyAsync(HttpClient client, Uri health, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(health, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        Commands.Add(spec);
        return await processes.RunAsync(spec, cancellationToken);
    }

    private HttpClient Client(Uri baseAddress, string? bearerToken)
    {
        var client = new HttpClient(http, disposeHandler: false) { BaseAddress = baseAddress, Timeout = options.RequestTimeout };
        client.DefaultRequestHeaders.Authorization = bearerToken is null ? null : new AuthenticationHeaderValue("Bearer", bearerToken);
        return client;
    }

    private static Uri Local(int port) => new($"http://localhost:{port}/");

    private static string Names(IEnumerable<(string AppId, Uri Health)> apps) => string.Join(", ", apps.Select(a => a.AppId));

    private static string Tail(string output) => output.Length <= 4000 ? output : "..." + output[^4000..];
}
