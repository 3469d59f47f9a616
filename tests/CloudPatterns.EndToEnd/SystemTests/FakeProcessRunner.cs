namespace CloudPatterns.EndToEnd.SystemTests;

/// <summary>
/// Processes that do what a test says: `dapr run` keeps running until `dapr stop` (if it obeys) or a kill; every other
/// command ends at once with the exit code the test gives it.
/// </summary>
public sealed class FakeProcessRunner : IProcessRunner
{
    public List<ProcessSpec> Started { get; } = [];

    public FakeProcess? Run { get; private set; }

    /// <summary>Exit codes of commands that run to their end, by program and first argument ("dotnet build").</summary>
    public Dictionary<string, ProcessResult> Results { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether `dapr stop -f .` ends the `dapr run` process.</summary>
    public bool RunObeysStop { get; set; } = true;

    public IRunningProcess Start(ProcessSpec spec)
    {
        Started.Add(spec);
        return Run = new FakeProcess();
    }

    public Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        Started.Add(spec);
        if (spec.ToString() == "dapr stop -f ." && RunObeysStop)
        {
            Run?.Exit(0);
        }

        return Task.FromResult(Results.GetValueOrDefault($"{spec.FileName} {spec.Arguments[0]}", new ProcessResult(0, string.Empty)));
    }
}

public sealed class FakeProcess : IRunningProcess
{
    public bool HasExited => ExitCode is not null;

    public int? ExitCode { get; private set; }

    public string Output { get; set; } = string.Empty;

    public bool Killed { get; private set; }

    public bool Disposed { get; private set; }

    public void Exit(int code) => ExitCode ??= code;

    public void Kill()
    {
        if (!HasExited)
        {
            Killed = true;
            Exit(137);
        }
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
