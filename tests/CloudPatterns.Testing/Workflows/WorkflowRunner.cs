namespace CloudPatterns.Testing.Workflows;

/// <summary>
/// Dapr Workflow for one app, in process: runs the app's real Workflow and WorkflowActivity classes
/// (created from its services), deterministically (one instance's code runs one step at a time), with
/// durable timers on the fabric's fake clock, and records each instance's history. A recorded history can
/// be replayed against the same code to catch non-determinism (<see cref="ReplayAsync"/>).
/// </summary>
public sealed class WorkflowRunner
{
    private readonly DaprTestFabric _fabric;
    private readonly FabricApp _app;
    private readonly WorkflowRegistrations _registrations;
    private readonly ConcurrentDictionary<string, WorkflowInstance> _instances = new(StringComparer.Ordinal);
    private readonly Lock _timerGate = new();
    private readonly List<PendingTimer> _timers = [];

    internal WorkflowRunner(DaprTestFabric fabric, FabricApp app, WorkflowRegistrations registrations)
    {
        _fabric = fabric;
        _app = app;
        _registrations = registrations;
        Serializer = app.Services.GetRequiredService<IDaprSerializer>();
        LoggerFactory = app.Services.GetRequiredService<ILoggerFactory>();
    }

    public WorkflowRunnerOptions Options { get; } = new();

    public IReadOnlyCollection<string> WorkflowNames => _registrations.Workflows.Keys.ToList();

    public IReadOnlyCollection<string> ActivityNames => _registrations.Activities.Keys.ToList();

    public IReadOnlyCollection<WorkflowInstance> Instances => _instances.Values.ToList();

    public IDaprSerializer Serializer { get; }

    internal ILoggerFactory LoggerFactory { get; }

    internal DateTime UtcNow => _fabric.Time.GetUtcNow().UtcDateTime;

    internal DateTimeOffset? NextDueAt
    {
        get
        {
            lock (_timerGate)
            {
                return _timers.Count == 0 ? null : _timers.Min(t => t.FireAt);
            }
        }
    }

    public WorkflowInstance? Find(string instanceId) => _instances.GetValueOrDefault(instanceId);

    public WorkflowInstance Instance(string instanceId) =>
        Find(instanceId) ?? throw new InvalidOperationException($"No workflow instance {instanceId} in {_app.AppId}.");

    /// <summary>
    /// Starts an instance. As in Dapr 1.18, an id that belongs to a running instance is refused with AlreadyExists, in
    /// daprd's words, and one that belongs to a finished instance is replaced
    /// (https://github.com/dapr/dapr/blob/v1.18.3/pkg/actors/targets/workflow/orchestrator/create.go#L91-L135; the
    /// message as durabletask-go's StartInstance wraps it: https://github.com/dapr/durabletask-go/blob/v0.12.4/backend/executor.go#L532-L534).
    /// </summary>
    public WorkflowInstance Start(string name, string instanceId, string? serializedInput)
    {
        if (!_registrations.Workflows.ContainsKey(name))
        {
            throw new RpcException(new Status(StatusCode.Unknown, $"workflow '{name}' is not registered in {_app.AppId}"));
        }

        var instance = new WorkflowInstance(instanceId, name, serializedInput, _fabric.Time.GetUtcNow());
        var added = _instances.AddOrUpdate(instanceId, instance, (_, existing) => existing.IsRunning
            ? throw new RpcException(new Status(
                StatusCode.AlreadyExists,
                $"failed to create workflow instance: rpc error: code = AlreadyExists desc = an active workflow with ID '{instanceId}' already exists"))
            : instance);
        Run(added);
        return added;
    }

    public void RaiseEvent(string instanceId, string eventName, string? serializedPayload)
    {
        if (Find(instanceId) is not { IsRunning: true } instance)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"no such workflow instance: {instanceId}"));
        }

        instance.Raise(eventName, serializedPayload);
    }

    public void Terminate(string instanceId, string? serializedOutput)
    {
        var instance = Instance(instanceId);
        if (instance.IsRunning)
        {
            instance.Terminate(serializedOutput, _fabric.Time.GetUtcNow());
        }
    }

    public bool Purge(string instanceId) => Find(instanceId) is { IsRunning: false } && _instances.TryRemove(instanceId, out _);

    /// <summary>
    /// Replays the instance's recorded history against the workflow code: every action the code asks for
    /// must match the recorded one at the same position, and the replay must end where the live run ended.
    /// Answers how many recorded actions the replay asked for: all of them, or it throws.
    /// </summary>
    public async Task<int> ReplayAsync(string instanceId)
    {
        var instance = Instance(instanceId);
        var context = new ReplayWorkflowContext(this, instance, instance.History);
        var workflow = CreateWorkflow(instance.Name, _app.Services);
        var input = Deserialize(instance.SerializedInput, workflow.InputType);

        // Everything runs on this thread: each released answer runs the code on to its next request.
        var run = workflow.RunAsync(context, input!);
        context.ReleaseAnswers();
        context.ThrowIfDiverged();
        context.ThrowIfUnconsumed();

        if (instance.IsRunning)
        {
            return context.Asked;
        }

        if (!run.IsCompleted)
        {
            throw new WorkflowNonDeterminismException($"Replay of {instanceId} stopped before the end its live run reached ({instance.Status}).");
        }

        if (instance.Status == WorkflowRuntimeStatus.Completed && instance.ContinueAsNewRequest is null)
        {
            var output = await run;
            var replayed = output is null ? null : Serializer.Serialize(output, workflow.OutputType);
            if (replayed != instance.SerializedOutput)
            {
                throw new WorkflowNonDeterminismException($"Replay of {instanceId} returned {replayed}, the live run returned {instance.SerializedOutput}.");
            }
        }

        return context.Asked;
    }

    internal string? Serialize(object? value) => value is null ? null : Serializer.Serialize(value, value.GetType());

    internal T Deserialize<T>(string? serialized) => string.IsNullOrEmpty(serialized) ? default! : Serializer.Deserialize<T>(serialized)!;

    internal object? Deserialize(string? serialized, Type type) => string.IsNullOrEmpty(serialized) ? null : Serializer.Deserialize(serialized, type);

    /// <summary>Runs an activity outside the workflow's context; the workflow resumes when it is done.</summary>
    internal Task<string?> RunActivityAsync(string name, string? serializedInput, string instanceId, int sequence)
    {
        var busy = _fabric.Activity.Begin($"activity {name} of workflow {instanceId}");
        var result = new TaskCompletionSource<string?>();
        _ = Task.Run(async () =>
        {
            try
            {
                var output = await ExecuteActivityAsync(name, serializedInput, instanceId, sequence);
                if (Options.RunActivitiesTwice)
                {
                    output = await ExecuteActivityAsync(name, serializedInput, instanceId, sequence);
                }

                result.SetResult(output);
            }
            catch (Exception ex)
            {
                result.SetException(ex);
            }
            finally
            {
                busy.Dispose();
            }
        });
        return result.Task;
    }

    internal Task StartTimer(WorkflowInstance instance, WorkflowHistoryEntry? entry, DateTime fireAt, CancellationToken cancellationToken)
    {
        var due = new DateTimeOffset(DateTime.SpecifyKind(fireAt, DateTimeKind.Utc));
        if (due <= _fabric.Time.GetUtcNow())
        {
            entry?.Complete(null, UtcNow);
            return Task.CompletedTask;
        }

        var timer = new PendingTimer(instance, entry, due);
        lock (_timerGate)
        {
            _timers.Add(timer);
        }

        cancellationToken.Register(() =>
        {
            lock (_timerGate)
            {
                _timers.Remove(timer);
            }

            entry?.Close(WorkflowActionStatus.Canceled, UtcNow);
            timer.Fired.TrySetCanceled(cancellationToken);
        });
        return timer.Fired.Task;
    }

    internal Task FireDueAsync(DateTimeOffset now)
    {
        List<PendingTimer> due;
        lock (_timerGate)
        {
            due = _timers.Where(t => t.FireAt <= now).OrderBy(t => t.FireAt).ToList();
            _timers.RemoveAll(due.Contains);
        }

        foreach (var timer in due.Where(t => t.Instance.IsRunning))
        {
            timer.Entry?.Complete(null, UtcNow);
            timer.Fired.TrySetResult();
        }

        return Task.CompletedTask;
    }

    internal void RaiseEventSoon(string instanceId, string eventName, string? serializedPayload)
    {
        if (Find(instanceId) is { IsRunning: true } target)
        {
            target.Raise(eventName, serializedPayload);
        }
    }

    internal IWorkflow CreateWorkflow(string name, IServiceProvider services) =>
        _registrations.TryCreateWorkflow(new TaskIdentifier(name), services, out var workflow, out _)
            ? workflow!
            : throw new InvalidOperationException($"Workflow '{name}' is not registered in {_app.AppId}.");

    private async Task<string?> ExecuteActivityAsync(string name, string? serializedInput, string instanceId, int sequence)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        if (!_registrations.TryCreateActivity(new TaskIdentifier(name), scope.ServiceProvider, out var activity, out _))
        {
            throw new InvalidOperationException($"Activity '{name}' not found");
        }

        var input = Deserialize(serializedInput, activity!.InputType);
        var output = await activity.RunAsync(new FabricActivityContext(name, instanceId, $"{instanceId}::{sequence}"), input!);
        return output is null ? null : Serializer.Serialize(output, activity.OutputType);
    }

    private void Run(WorkflowInstance instance)
    {
        var context = new LiveWorkflowContext(this, instance);
        var sync = new WorkflowSynchronizationContext(
            _fabric.Activity, $"workflow {instance.Name} {instance.InstanceId}", context.BeginTurn, () => context.Stopped,
            ex => instance.Fail(new WorkflowTaskFailureDetails(ex.GetType().FullName ?? "Exception", ex.Message, ex.StackTrace), _fabric.Time.GetUtcNow()));
        instance.MarkRunning(_fabric.Time.GetUtcNow());
        sync.Post(async _ =>
        {
            try
            {
                var workflow = CreateWorkflow(instance.Name, _app.Services);
                var output = await workflow.RunAsync(context, Deserialize(instance.SerializedInput, workflow.InputType)!);
                if (!instance.IsRunning)
                {
                    return;
                }

                if (instance.ContinueAsNewRequest is { } next)
                {
                    instance.ContinueAsNewRequest = null;
                    instance.ContinueAsNew(next.Input, next.PreserveEvents, _fabric.Time.GetUtcNow());
                    Run(instance);
                    return;
                }

                instance.Complete(output is null ? null : Serializer.Serialize(output, workflow.OutputType), _fabric.Time.GetUtcNow());
            }
            catch (Exception ex) when (instance.IsRunning)
            {
                instance.Fail(new WorkflowTaskFailureDetails(ex.GetType().FullName ?? "Exception", ex.Message, ex.StackTrace), _fabric.Time.GetUtcNow());
            }
        }, null);
    }

    private sealed class PendingTimer(WorkflowInstance instance, WorkflowHistoryEntry? entry, DateTimeOffset fireAt)
    {
        public WorkflowInstance Instance { get; } = instance;

        public WorkflowHistoryEntry? Entry { get; } = entry;

        public DateTimeOffset FireAt { get; } = fireAt;

        public TaskCompletionSource Fired { get; } = new();
    }
}
