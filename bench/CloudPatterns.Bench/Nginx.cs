namespace CloudPatterns.Bench;

/// <summary>
/// nginx from Debian as a plain reverse proxy to the same upstream: one worker per core, keep-alive connections to
/// the upstream, no access log (the gateway does not log each request either).
/// </summary>
public sealed class Nginx : IDisposable
{
    private readonly Process _process;

    private Nginx(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<Nginx> StartAsync(string workDirectory, int upstreamPort)
    {
        var port = Ports.Free();
        Directory.CreateDirectory(workDirectory);
        var config = Path.Combine(workDirectory, "nginx.conf");
        File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $$"""
            daemon off;
            worker_processes auto;
            pid {{workDirectory}}/nginx.pid;
            error_log {{workDirectory}}/error.log warn;
            events { worker_connections 1024; }
            http {
              access_log off;
              upstream sidecar { server 127.0.0.1:{{upstreamPort}}; keepalive 64; }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://sidecar;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                }
              }
            }
            """));
        var info = new ProcessStartInfo("nginx") { UseShellExecute = false };
        foreach (var arg in new[] { "-p", workDirectory, "-c", config })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var response = await probe.GetAsync($"http://127.0.0.1:{port}/");
                return new Nginx(process, port);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(25);
            }
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("nginx did not answer within 5 s");
    }

    public void Dispose()
    {
        // SIGTERM through nginx's own signal switch: the master stops its workers.
        Shell.Run("nginx", ["-p", Path.GetDirectoryName(_process.StartInfo.ArgumentList[3])!, "-c", _process.StartInfo.ArgumentList[3], "-s", "stop"], TimeSpan.FromSeconds(10));
        if (!_process.WaitForExit(10_000))
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
