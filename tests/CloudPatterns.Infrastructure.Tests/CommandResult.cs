namespace CloudPatterns.Infrastructure.Tests;

/// <summary>How a command the tests ran ended: its exit code, and what it wrote to standard output and to standard error.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Errors)
{
    /// <summary>Runs <paramref name="fileName"/> to its end; one still running after <paramref name="limit"/> is killed, and the test fails saying so.</summary>
    public static CommandResult Run(string fileName, IReadOnlyList<string> arguments, TimeSpan limit)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} took more than {limit}.");
        }

        return new CommandResult(process.ExitCode, output.Result, errors.Result);
    }
}
