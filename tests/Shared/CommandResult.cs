namespace CloudPatterns.Testing;

/// <summary>How a command the tests ran ended: its exit code, and what it wrote to standard output and to standard error.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Errors)
{
    /// <summary>
    /// Runs <paramref name="fileName"/> to its end, in <paramref name="workingDirectory"/> if given; one still running after
    /// <paramref name="limit"/> is killed, and the test fails saying so.
    /// </summary>
    public static CommandResult Run(string fileName, IReadOnlyList<string> arguments, TimeSpan limit, string? workingDirectory = null)
    {
        var start = new System.Diagnostics.ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
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
