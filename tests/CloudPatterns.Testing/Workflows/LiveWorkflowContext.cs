namespace CloudPatterns.Testing.Workflows;

/// <summary>
/// The WorkflowContext a workflow gets on its first (live) run: activities execute from the host's
/// services, timers wait for the fabric's clock, external events wait to be raised, and every request is
/// recorded in the instance's history for assertions and for the replay check.
/// </summary>
internal sealed class LiveWorkflowContext(WorkflowRunner runner, WorkflowInstance instance) : WorkflowContext
{
    private readonly int _generation = instance.Generation;
    private DateTime _now = instance.GenerationStartedAt;
    private int _guidCounter;

    public override string Name => instance.Name;

    public override string InstanceId => instance.InstanceId;

    public override DateTime CurrentUtcDateTime => _now;

    public override bool IsReplaying => false;

    internal bool Stopped => !instance.IsRunning || instance.Generation != _generation;

    /// <summary>A turn starts each time the workflow resumes: it sees the clock as of that moment.</summary>
    internal void BeginTurn() => _now = runner.UtcNow;

    public override bool IsPatched(string patchName) => true;

    public override async Task<T> CallActivityAsync<T>(string name, object? input = null, WorkflowTaskOptions? options = null)
    {
        var serializedInput = runner.Serialize(input);
        var output = await WithRetriesAsync(options?.RetryPolicy, () => AttemptActivityAsync(name, serializedInput));
        return runner.Deserialize<T>(output);
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var entry = instance.Record(WorkflowActionKind.Timer, "timer", fireAt.ToUniversalTime().ToString("O"), _now);
        return runner.StartTimer(instance, entry, fireAt, cancellationToken);
    }

    public override async Task<T> WaitForExternalEventAsync<T>(string eventName, CancellationToken cancellationToken = default)
    {
        var entry = instance.Record(WorkflowActionKind.ExternalEvent, eventName, null, _now);
        try
        {
            var payload = await instance.WaitForEventAsync(eventName, cancellationToken);
            entry.Complete(payload, runner.UtcNow);
            return runner.Deserialize<T>(payload);
        }
        catch (OperationCanceledException)
        {
            entry.Close(WorkflowActionStatus.Canceled, runner.UtcNow);
            throw;
        }
    }

    public override async Task<T> WaitForExternalEventAsync<T>(string eventName, TimeSpan timeout)
    {
        if (timeout == TimeSpan.Zero)
        {
            throw new TaskCanceledException($"WaitForExternalEvent '{eventName}' timed out immediately (zero timeout).");
        }

        var entry = instance.Record(WorkflowActionKind.ExternalEvent, eventName, timeout.ToString("c"), _now);
        using var stopWaiting = new CancellationTokenSource();
        var arrived = instance.WaitForEventAsync(eventName, stopWaiting.Token);
        var expired = timeout < TimeSpan.Zero
            ? Task.Delay(Timeout.Infinite, stopWaiting.Token)
            : runner.StartTimer(instance, entry: null, _now + timeout, stopWaiting.Token);

        if (await Task.WhenAny(arrived, expired) != arrived)
        {
            stopWaiting.Cancel();
            entry.Close(WorkflowActionStatus.TimedOut, runner.UtcNow);
            throw new TaskCanceledException($"WaitForExternalEvent '{eventName}' timed out after {timeout}.");
        }

        stopWaiting.Cancel();
        var payload = await arrived;
        entry.Complete(payload, runner.UtcNow);
        return runner.Deserialize<T>(payload);
    }

    public override void SendEvent(string instanceId, string eventName, object payload)
    {
        var serialized = runner.Serialize(payload);
        instance.Record(WorkflowActionKind.SendEvent, eventName, $"{instanceId}:{serialized}", _now).Complete(null, _now);
        runner.RaiseEventSoon(instanceId, eventName, serialized);
    }

    public override void SetCustomStatus(object? customStatus) => instance.SerializedCustomStatus = runner.Serialize(customStatus);

    public override async Task<TResult> CallChildWorkflowAsync<TResult>(string workflowName, object? input = null, ChildWorkflowTaskOptions? options = null)
    {
        var serializedInput = runner.Serialize(input);
        var output = await WithRetriesAsync(options?.RetryPolicy, async () =>
        {
            var childId = options?.InstanceId ?? NewGuid().ToString();
            var entry = instance.Record(WorkflowActionKind.ChildWorkflow, workflowName, serializedInput, _now);
            var child = runner.Start(workflowName, childId, serializedInput);
            var finished = new TaskCompletionSource();
            child.OnFinished(() => finished.TrySetResult());
            await finished.Task;
            if (child.Status == WorkflowRuntimeStatus.Completed)
            {
                entry.Complete(child.SerializedOutput, runner.UtcNow);
                return child.SerializedOutput;
            }

            var failure = child.FailureDetails ?? new WorkflowTaskFailureDetails("WorkflowTerminated", $"Child workflow '{workflowName}' was {child.Status}", null);
            entry.Fail(failure, runner.UtcNow);
            throw new WorkflowTaskFailedException($"Child workflow '{workflowName}' failed", failure);
        });
        return runner.Deserialize<TResult>(output);
    }

    public override Task<string> ScheduleNewDetachedWorkflowAsync(
        string workflowName, string? instanceId, object? input, DateTimeOffset? startTime, WorkflowTaskOptions? options)
    {
        var id = instanceId ?? NewGuid().ToString();
        var serializedInput = runner.Serialize(input);
        instance.Record(WorkflowActionKind.DetachedWorkflow, workflowName, serializedInput, _now).Complete(id, _now);
        runner.Start(workflowName, id, serializedInput);
        return Task.FromResult(id);
    }

    public override ILogger CreateReplaySafeLogger(string categoryName) => runner.LoggerFactory.CreateLogger(categoryName);

    public override ILogger CreateReplaySafeLogger(Type type) => runner.LoggerFactory.CreateLogger(type);

    public override ILogger CreateReplaySafeLogger<T>() => runner.LoggerFactory.CreateLogger<T>();

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        instance.ContinueAsNewRequest = (runner.Serialize(newInput), preserveUnprocessedEvents);

    public override Guid NewGuid() => DeterministicGuid.For(InstanceId, _guidCounter++);

    public override PropagatedHistory GetPropagatedHistory() =>
        throw new NotSupportedException("History propagation is not reproduced by the workflow runner.");

    private async Task<string?> AttemptActivityAsync(string name, string? serializedInput)
    {
        var entry = instance.Record(WorkflowActionKind.Activity, name, serializedInput, _now);
        try
        {
            var output = await runner.RunActivityAsync(name, serializedInput, instance.InstanceId, entry.Sequence);
            entry.Complete(output, runner.UtcNow);
            return output;
        }
        catch (Exception ex)
        {
            var failure = new WorkflowTaskFailureDetails(ex.GetType().FullName ?? ex.GetType().Name, ex.Message, ex.StackTrace);
            entry.Fail(failure, runner.UtcNow);
            throw new WorkflowTaskFailedException($"Task failed: {ex.Message}", failure);
        }
    }

    private Task<string?> WithRetriesAsync(WorkflowRetryPolicy? policy, Func<Task<string?>> attempt) =>
        WorkflowRetries.RunAsync(policy, () => _now, fireAt => CreateTimer(fireAt, CancellationToken.None), attempt);
}
