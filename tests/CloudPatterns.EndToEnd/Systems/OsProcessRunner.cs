namespace CloudPatterns.EndToEnd.Systems;

/// <summary>Real processes, their standard output and error kept (the last 64 KB) for failure messages.</summary>
public sealed class OsProcessRunner : IProcessRunner
{
    private const int KeptChars = 64 * 1024;

    public IRunningProcess Start(ProcessSpec spec) => new RunningProcess(Launch(spec));

    public async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        await using var running = new RunningProcess(Launch(spec));
        await running.Process.WaitForExitAsync(cancellationToken);
        return new ProcessResult(running.Process.ExitCode, running.Output);
    }

    private static Process Launch(ProcessSpec spec)
    {
        var info = new ProcessStartInfo(spec.FileName)
        {
            WorkingDirectory = spec.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return new Process { StartInfo = info, EnableRaisingEvents = true };
    }

    private sealed class RunningProcess : IRunningProcess
    {
        private readonly StringBuilder _output = new();

        public RunningProcess(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) => Keep(e.Data);
            process.ErrorDataReceived += (_, e) => Keep(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public bool HasExited => Process.HasExited;

        public int? ExitCode => Process.HasExited ? Process.ExitCode : null;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public void Kill()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }
        }

        public ValueTask DisposeAsync()
        {
            Process.Dispose();
            return ValueTask.CompletedTask;
        }

        private void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
                if (_output.Length > KeptChars)
                {
                    _output.Remove(0, _output.Length - KeptChars);
                }
            }
        }
    }
}
