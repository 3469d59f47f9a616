namespace CloudPatterns.Testing.Workflows;

/// <summary>
/// Re-runs workflow code against a recorded history, as the runtime does after every turn: each action the
/// code asks for is answered from history instead of being executed, and must be the action recorded at
/// that position. Answers are released in the order the live run saw them complete, so races (WhenAny)
/// resolve the same way. A workflow that reads the wall clock, makes its own GUIDs or random numbers, or
/// branches on anything but its inputs and results asks for something else, and the replay says where.
/// </summary>
internal sealed class ReplayWorkflowContext(WorkflowRunner runner, WorkflowInstance instance, IReadOnlyList<WorkflowHistoryEntry> history) : WorkflowContext
{
    private readonly Dictionary<int, Action> _answers = [];
    private int _asked;
    private int _guidCounter;
    private DateTime _now = instance.GenerationStartedAt;
    private string? _divergence;

    public override string Name => instance.Name;

    public override string InstanceId => instance.InstanceId;

    public override DateTime CurrentUtcDateTime => _now;

    public override bool IsReplaying => true;

    /// <summary>How many of the recorded actions the code has asked for so far.</summary>
    public int Asked => _asked;

    /// <summary>Resolves the recorded actions in their live completion order; the code runs on as each resolves.</summary>
    public void ReleaseAnswers()
    {
        foreach (var entry in history.Where(e => e.CompletionOrder is not null).OrderBy(e => e.CompletionOrder))
        {
            if (_divergence is not null)
            {
                return;
            }

            if (!_answers.Remove(entry.Sequence, out var answer))
            {
                _divergence = $"Replay of {InstanceId} never asked for {entry}, which the live run asked for and completed.";
                return;
            }

            _now = entry.CompletedAt!.Value;
            answer();
        }
    }

    public void ThrowIfDiverged()
    {
        if (_divergence is not null)
        {
            throw new WorkflowNonDeterminismException(_divergence);
        }
    }

    public void ThrowIfUnconsumed()
    {
        if (_asked < history.Count)
        {
            throw new WorkflowNonDeterminismException(
                $"Replay of {InstanceId} asked for {_asked} actions but the live run recorded {history.Count}; the first not asked for: {history[_asked]}.");
        }
    }

    public override bool IsPatched(string patchName) => true;

    public override Task<T> CallActivityAsync<T>(string name, object? input = null, WorkflowTaskOptions? options = null) =>
        WithRetries(options?.RetryPolicy, () => Answer<T>(WorkflowActionKind.Activity, name, runner.Serialize(input)));

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) =>
        Answer<object>(WorkflowActionKind.Timer, "timer", fireAt.ToUniversalTime().ToString("O"));

    public override Task<T> WaitForExternalEventAsync<T>(string eventName, CancellationToken cancellationToken = default) =>
        Answer<T>(WorkflowActionKind.ExternalEvent, eventName, null);

    public override Task<T> WaitForExternalEventAsync<T>(string eventName, TimeSpan timeout) =>
        timeout == TimeSpan.Zero
            ? Task.FromException<T>(new TaskCanceledException($"WaitForExternalEvent '{eventName}' timed out immediately (zero timeout)."))
            : Answer<T>(WorkflowActionKind.ExternalEvent, eventName, timeout.ToString("c"));

    public override void SendEvent(string instanceId, string eventName, object payload) =>
        _ = Answer<object>(WorkflowActionKind.SendEvent, eventName, $"{instanceId}:{runner.Serialize(payload)}");

    public override void SetCustomStatus(object? customStatus)
    {
    }

    public override Task<TResult> CallChildWorkflowAsync<TResult>(string workflowName, object? input = null, ChildWorkflowTaskOptions? options = null) =>
        WithRetries(options?.RetryPolicy, () =>
        {
            if (options?.InstanceId is null)
            {
                NewGuid();
            }

            return Answer<TResult>(WorkflowActionKind.ChildWorkflow, workflowName, runner.Serialize(input));
        });

    public override Task<string> ScheduleNewDetachedWorkflowAsync(
        string workflowName, string? instanceId, object? input, DateTimeOffset? startTime, WorkflowTaskOptions? options)
    {
        if (instanceId is null)
        {
            NewGuid();
        }

        return Answer<string>(WorkflowActionKind.DetachedWorkflow, workflowName, runner.Serialize(input), rawOutput: true);
    }

    public override ILogger CreateReplaySafeLogger(string categoryName) => NullLogger.Instance;

    public override ILogger CreateReplaySafeLogger(Type type) => NullLogger.Instance;

    public override ILogger CreateReplaySafeLogger<T>() => NullLogger<T>.Instance;

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
    }

    public override Guid NewGuid() => DeterministicGuid.For(InstanceId, _guidCounter++);

    public override PropagatedHistory GetPropagatedHistory() =>
        throw new NotSupportedException("History propagation is not reproduced by the workflow runner.");

    private Task<T> Answer<T>(WorkflowActionKind kind, string name, string? input, bool rawOutput = false)
    {
        var answer = new TaskCompletionSource<T>();
        var signature = $"{kind} {name}({input})";
        if (_asked >= history.Count)
        {
            _divergence ??= $"Replay of {InstanceId} asked for action #{_asked + 1} {signature}, which the live run never asked for.";
            return answer.Task;
        }

        var recorded = history[_asked++];
        if (recorded.Signature != signature)
        {
            _divergence ??= $"Replay of {InstanceId} asked for action #{recorded.Sequence} {signature}, but the live run asked for {recorded.Signature}. The workflow code is not deterministic.";
            return answer.Task;
        }

        _answers[recorded.Sequence] = recorded.Status switch
        {
            WorkflowActionStatus.Completed => () => answer.SetResult(rawOutput ? (T)(object)recorded.Output! : runner.Deserialize<T>(recorded.Output)),
            WorkflowActionStatus.Failed => () => answer.SetException(kind == WorkflowActionKind.ChildWorkflow
                ? new WorkflowTaskFailedException($"Child workflow '{name}' failed", recorded.Failure!)
                : new WorkflowTaskFailedException($"Task failed: {recorded.Failure!.ErrorMessage}", recorded.Failure)),
            WorkflowActionStatus.TimedOut => () => answer.SetException(new TaskCanceledException($"WaitForExternalEvent '{name}' timed out.")),
            WorkflowActionStatus.Canceled => () => answer.SetCanceled(),
            _ => () => { },
        };
        return answer.Task;
    }

    private Task<T> WithRetries<T>(WorkflowRetryPolicy? policy, Func<Task<T>> attempt) =>
        WorkflowRetries.RunAsync(policy, () => _now, fireAt => CreateTimer(fireAt, CancellationToken.None), attempt);
}
