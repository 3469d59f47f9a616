namespace CloudPatterns.Bench;

/// <summary>
/// A published app running as its own process on a free loopback port, started as a container would start it
/// (<c>dotnet app.dll</c> in its folder, Production), with no Dapr sidecar unless one is given.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private static readonly HttpClient s_probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly Process _process;
    private readonly Stopwatch _sinceStart;

    private AppProcess(Process process, Stopwatch sinceStart, int port, string probe)
    {
        _process = process;
        _sinceStart = sinceStart;
        Port = port;
        Probe = $"http://127.0.0.1:{port}{probe}";
    }

    public int Port { get; }

    public int Id => _process.Id;

    public string BaseAddress => $"http://127.0.0.1:{Port}";

    /// <summary>The app's liveness answer (/alive; the payment provider simulator, which has no ServiceDefaults: /health).</summary>
    public string Probe { get; }

    public static AppProcess Start(Published published, IReadOnlyDictionary<string, string> environment)
    {
        var port = Ports.Free();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = published.Directory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(published.Dll);
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("DAPR_", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_", StringComparison.Ordinal) || k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        // No sidecar: ports nobody listens on, so no app finds another run's sidecar by chance.
        info.Environment["DAPR_HTTP_PORT"] = Ports.Free().ToString(CultureInfo.InvariantCulture);
        info.Environment["DAPR_GRPC_PORT"] = Ports.Free().ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var sinceStart = Stopwatch.StartNew();
        var process = Process.Start(info)!;
        // Drained and dropped: the console logger writes as it would in a container.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AppProcess(process, sinceStart, port, published.App.Probe);
    }

    /// <summary>Time from the process's start to the first 200 from its probe, polling every 5 ms.</summary>
    public async Task<TimeSpan> FirstAnswerAsync(TimeSpan timeout)
    {
        while (_sinceStart.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_process.StartInfo.ArgumentList[0]} exited with {_process.ExitCode} before answering");
            }

            try
            {
                using var response = await s_probe.GetAsync(Probe);
                if ((int)response.StatusCode == 200)
                {
                    return _sinceStart.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(5);
        }

        throw new TimeoutException($"{_process.StartInfo.ArgumentList[0]} did not answer {Probe} within {timeout}");
    }

    /// <summary>Resident memory now (VmRSS), MiB.</summary>
    public double RssMiB() => Proc.Kilobytes(_process.Id, "VmRSS") / 1024.0;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit(10_000);
        _process.Dispose();
    }
}

public static class Proc
{
    public static long Kilobytes(int pid, string field) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith(field + ":", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture))
            .Single();
}
