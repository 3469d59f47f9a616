namespace CloudPatterns.Bench;

/// <summary>One wrk run: requests per second, median and 99th-percentile latency, answers that were not 2xx/3xx, and all requests.</summary>
public sealed record Load(string Target, int Connections, double RequestsPerSecond, double P50Microseconds, double P99Microseconds, long Errors, long Requests);

public static partial class Wrk
{
    /// <summary>
    /// wrk against one URL; 1 connection runs on one thread, more on two (the machine's cores). With
    /// <paramref name="postJson"/>, every request is a POST of that body (through a wrk Lua script).
    /// </summary>
    public static Load Run(string target, string url, int connections, TimeSpan duration, string? bearer = null, string? postJson = null)
    {
        List<string> args = ["-t", connections == 1 ? "1" : "2", "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", $"{(int)duration.TotalSeconds}s", "--latency", "--timeout", "5s"];
        if (bearer is not null)
        {
            args.AddRange(["-H", $"Authorization: Bearer {bearer}"]);
        }

        using var script = postJson is null ? null : PostScript.Write(postJson);
        if (script is not null)
        {
            args.AddRange(["-s", script.Path]);
        }

        args.Add(url);
        var (code, output) = Shell.Run("wrk", args, duration + TimeSpan.FromSeconds(30));
        if (code != 0)
        {
            throw new InvalidOperationException($"wrk failed on {url}:\n{output}");
        }

        var rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var non2xx = Non2xx().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socket = SocketErrors().Match(output) is { Success: true } s
            ? s.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture))
            : 0;
        var requests = long.Parse(Completed().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        return new Load(target, connections, Math.Round(rps), Percentile(output, "50"), Percentile(output, "99"), non2xx + socket, requests);
    }

    private static double Percentile(string output, string percent)
    {
        var match = Regex.Match(output, $@"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return Math.Round(match.Groups[2].Value switch { "us" => value, "ms" => value * 1000, _ => value * 1_000_000 }, 1);
    }

    [GeneratedRegex(@"(\d+) requests in ")]
    private static partial Regex Completed();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}

/// <summary>A wrk Lua script, deleted when disposed, that turns every request into a POST of one JSON body.</summary>
internal sealed class PostScript : IDisposable
{
    private PostScript(string path) => Path = path;

    public string Path { get; }

    public static PostScript Write(string json)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"wrk-post-{Guid.NewGuid():N}.lua");
        File.WriteAllText(path, $"wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = [==[{json}]==]\n");
        return new PostScript(path);
    }

    public void Dispose() => File.Delete(Path);
}
