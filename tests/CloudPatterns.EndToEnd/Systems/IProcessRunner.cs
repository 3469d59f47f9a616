namespace CloudPatterns.EndToEnd.Systems;

/// <summary>Starts processes: the seam between <see cref="DaprCliSystem"/> and the operating system, faked in its tests.</summary>
public interface IProcessRunner
{
    /// <summary>Starts a process that runs until it is stopped (`dapr run -f .`).</summary>
    IRunningProcess Start(ProcessSpec spec);

    /// <summary>Runs a process to its end (`dotnet build`, `dapr stop -f .`).</summary>
    Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken);
}

/// <summary>A command line and where it runs.</summary>
public sealed record ProcessSpec(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory)
{
    public override string ToString() => string.Join(' ', [FileName, .. Arguments]);
}

/// <summary>How a process that ran to its end ended, and the last of what it printed.</summary>
public sealed record ProcessResult(int ExitCode, string Output);

/// <summary>A process still running (or that ended on its own), with the last of what it printed.</summary>
public interface IRunningProcess : IAsyncDisposable
{
    bool HasExited { get; }

    int? ExitCode { get; }

    string Output { get; }

    /// <summary>Ends the process and every process it started, at once.</summary>
    void Kill();
}
