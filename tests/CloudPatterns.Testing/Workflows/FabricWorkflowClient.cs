namespace CloudPatterns.Testing.Workflows;

/// <summary>
/// IDaprWorkflowClient for an app in the fabric: it schedules, queries, signals and terminates instances
/// in that app's <see cref="WorkflowRunner"/>, as the real client does through the app's sidecar.
/// Suspend, resume and rerun are not reproduced.
/// </summary>
public sealed class FabricWorkflowClient(DaprTestFabric fabric, string appId) : IDaprWorkflowClient
{
    private WorkflowRunner Runner
    {
        get
        {
            var runner = fabric.Workflows(appId);
            return runner.Options.ClientFailure is { } failure
                ? throw new RpcException(new Status(failure, failure == StatusCode.Unavailable
                    ? $"Error connecting to subchannel: {appId}'s sidecar refused the connection"
                    : $"the workflow API answered {failure}"))
                : runner;
        }
    }

    public Task<string> ScheduleNewWorkflowAsync(string name, string? instanceId = null, object? input = null) =>
        ScheduleNewWorkflowAsync(name, instanceId, input, (DateTimeOffset?)null);

    public Task<string> ScheduleNewWorkflowAsync(string name, string? instanceId, object? input, DateTime? startTime) =>
        ScheduleNewWorkflowAsync(name, instanceId, input, startTime is null ? null : new DateTimeOffset(startTime.Value));

    public Task<string> ScheduleNewWorkflowAsync(
        string name, string? instanceId, object? input, DateTimeOffset? startTime, CancellationToken cancellation = default)
    {
        if (startTime is { } start && start > fabric.Time.GetUtcNow())
        {
            throw new NotSupportedException("Delayed workflow starts are not reproduced by the workflow runner.");
        }

        var id = string.IsNullOrEmpty(instanceId) ? Guid.NewGuid().ToString("N") : instanceId;
        Runner.Start(name, id, Runner.Serialize(input));
        return Task.FromResult(id);
    }

    public Task<WorkflowState> GetWorkflowStateAsync(string instanceId, bool getInputsAndOutputs = true, CancellationToken cancellation = default) =>
        Task.FromResult(WorkflowStates.For(Runner.Find(instanceId), Runner.Serializer, getInputsAndOutputs));

    public Task<WorkflowState> WaitForWorkflowStartAsync(string instanceId, bool getInputsAndOutputs = true, CancellationToken cancellation = default) =>
        GetWorkflowStateAsync(instanceId, getInputsAndOutputs, cancellation);

    public async Task<WorkflowState> WaitForWorkflowCompletionAsync(string instanceId, bool getInputsAndOutputs = true, CancellationToken cancellation = default)
    {
        var instance = Runner.Find(instanceId) ?? throw new InvalidOperationException($"Workflow instance '{instanceId}' does not exist");
        await instance.Completion.WaitAsync(cancellation);
        return WorkflowStates.For(instance, Runner.Serializer, getInputsAndOutputs);
    }

    public Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        Runner.RaiseEvent(instanceId, eventName, Runner.Serialize(eventPayload));
        return Task.CompletedTask;
    }

    public Task TerminateWorkflowAsync(string instanceId, object? output = null, CancellationToken cancellation = default)
    {
        Runner.Terminate(instanceId, Runner.Serialize(output));
        return Task.CompletedTask;
    }

    public Task SuspendWorkflowAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException("Suspending workflows is not reproduced by the workflow runner.");

    public Task ResumeWorkflowAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException("Resuming workflows is not reproduced by the workflow runner.");

    public Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellation = default) =>
        Task.FromResult(Runner.Purge(instanceId));

    public Task<WorkflowInstancePage> ListInstanceIdsAsync(string? continuationToken = null, int? pageSize = null, CancellationToken cancellation = default) =>
        Task.FromResult(new WorkflowInstancePage(Runner.Instances.Select(i => i.InstanceId).Order(StringComparer.Ordinal).ToList(), null!));

    public Task<IReadOnlyList<WorkflowHistoryEvent>> GetInstanceHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        IReadOnlyList<WorkflowHistoryEvent> events = Runner.Instance(instanceId).History.Select(entry => new WorkflowHistoryEvent(
            entry.Sequence,
            entry.Kind switch
            {
                WorkflowActionKind.Activity => WorkflowHistoryEventType.TaskScheduled,
                WorkflowActionKind.Timer => WorkflowHistoryEventType.TimerCreated,
                WorkflowActionKind.ExternalEvent => WorkflowHistoryEventType.EventRaised,
                WorkflowActionKind.ChildWorkflow => WorkflowHistoryEventType.SubOrchestrationInstanceCreated,
                WorkflowActionKind.DetachedWorkflow => WorkflowHistoryEventType.DetachedWorkflowInstanceCreated,
                _ => WorkflowHistoryEventType.EventSent,
            },
            entry.ScheduledAt)).ToList();
        return Task.FromResult(events);
    }

    public Task<string> RerunWorkflowFromEventAsync(
        string sourceInstanceId, uint eventId, RerunWorkflowFromEventOptions? options = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException("Rerunning workflows is not reproduced by the workflow runner.");

    public void Dispose()
    {
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
