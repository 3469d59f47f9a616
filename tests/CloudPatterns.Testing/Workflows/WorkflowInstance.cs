namespace CloudPatterns.Testing.Workflows;

/// <summary>A workflow instance in the runner: its status, serialized input/output/custom status, and history.</summary>
public sealed class WorkflowInstance
{
    private readonly Lock _gate = new();
    private readonly List<WorkflowHistoryEntry> _history = [];
    private readonly List<(string Name, string? Payload)> _buffered = [];
    private readonly Dictionary<string, Queue<TaskCompletionSource<string?>>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Action> _onFinished = [];
    private TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _completions;

    internal WorkflowInstance(string instanceId, string name, string? serializedInput, DateTimeOffset createdAt)
    {
        InstanceId = instanceId;
        Name = name;
        SerializedInput = serializedInput;
        CreatedAt = createdAt;
        LastUpdatedAt = createdAt;
        GenerationStartedAt = createdAt.UtcDateTime;
    }

    public string InstanceId { get; }

    public string Name { get; }

    public WorkflowRuntimeStatus Status { get; private set; } = WorkflowRuntimeStatus.Pending;

    public string? SerializedInput { get; private set; }

    public string? SerializedOutput { get; private set; }

    public string? SerializedCustomStatus { get; internal set; }

    public WorkflowTaskFailureDetails? FailureDetails { get; private set; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset LastUpdatedAt { get; private set; }

    /// <summary>The history of the current generation (ContinueAsNew starts a new one).</summary>
    public IReadOnlyList<WorkflowHistoryEntry> History
    {
        get
        {
            lock (_gate)
            {
                return [.. _history];
            }
        }
    }

    public int Generation { get; private set; }

    public bool IsRunning => Status is WorkflowRuntimeStatus.Pending or WorkflowRuntimeStatus.Running;

    internal DateTime GenerationStartedAt { get; private set; }

    /// <summary>For code outside the workflow (clients, tests): continues on the thread pool.</summary>
    internal Task Completion => _completed.Task;

    /// <summary>
    /// For a parent workflow: runs synchronously when this instance finishes, so the parent's continuation
    /// is queued on its own context before the finishing turn ends (nothing falls between two busy spans).
    /// </summary>
    internal void OnFinished(Action callback)
    {
        lock (_gate)
        {
            if (IsRunning)
            {
                _onFinished.Add(callback);
                return;
            }
        }

        callback();
    }

    internal (string? Input, bool PreserveEvents)? ContinueAsNewRequest { get; set; }

    internal WorkflowHistoryEntry Record(WorkflowActionKind kind, string name, string? input, DateTime now)
    {
        lock (_gate)
        {
            var entry = new WorkflowHistoryEntry(_history.Count + 1, kind, name, input, now, () => Interlocked.Increment(ref _completions));
            _history.Add(entry);
            return entry;
        }
    }

    internal void MarkRunning(DateTimeOffset at) => Update(WorkflowRuntimeStatus.Running, at);

    internal void Complete(string? output, DateTimeOffset at)
    {
        SerializedOutput = output;
        Finish(WorkflowRuntimeStatus.Completed, at);
    }

    internal void Fail(WorkflowTaskFailureDetails failure, DateTimeOffset at)
    {
        FailureDetails = failure;
        Finish(WorkflowRuntimeStatus.Failed, at);
    }

    internal void Terminate(string? output, DateTimeOffset at)
    {
        SerializedOutput = output;
        Finish(WorkflowRuntimeStatus.Terminated, at);
    }

    /// <summary>Starts a new generation with new input; buffered events survive only if asked to.</summary>
    internal void ContinueAsNew(string? input, bool preserveEvents, DateTimeOffset at)
    {
        lock (_gate)
        {
            _history.Clear();
            if (!preserveEvents)
            {
                _buffered.Clear();
            }

            SerializedInput = input;
            Generation++;
            GenerationStartedAt = at.UtcDateTime;
            LastUpdatedAt = at;
        }
    }

    /// <summary>Delivers an event to the oldest waiter for its name, or buffers it until someone waits.</summary>
    internal void Raise(string name, string? payload)
    {
        TaskCompletionSource<string?>? waiter = null;
        lock (_gate)
        {
            if (_waiters.TryGetValue(name, out var queue) && queue.TryDequeue(out var next))
            {
                waiter = next;
            }
            else
            {
                _buffered.Add((name, payload));
            }
        }

        waiter?.TrySetResult(payload);
    }

    internal Task<string?> WaitForEventAsync(string name, CancellationToken cancellationToken)
    {
        TaskCompletionSource<string?> waiter;
        lock (_gate)
        {
            var index = _buffered.FindIndex(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                var buffered = _buffered[index];
                _buffered.RemoveAt(index);
                return Task.FromResult(buffered.Payload);
            }

            waiter = new TaskCompletionSource<string?>();
            if (!_waiters.TryGetValue(name, out var queue))
            {
                _waiters[name] = queue = new Queue<TaskCompletionSource<string?>>();
            }

            queue.Enqueue(waiter);
        }

        cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                if (_waiters.TryGetValue(name, out var queue))
                {
                    _waiters[name] = new Queue<TaskCompletionSource<string?>>(queue.Where(w => w != waiter));
                }
            }

            waiter.TrySetCanceled(cancellationToken);
        });
        return waiter.Task;
    }

    internal void ResetCompletion()
    {
        if (_completed.Task.IsCompleted)
        {
            _completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private void Finish(WorkflowRuntimeStatus status, DateTimeOffset at)
    {
        Action[] callbacks;
        lock (_gate)
        {
            Update(status, at);
            callbacks = [.. _onFinished];
            _onFinished.Clear();
        }

        foreach (var callback in callbacks)
        {
            callback();
        }

        _completed.TrySetResult();
    }

    private void Update(WorkflowRuntimeStatus status, DateTimeOffset at)
    {
        Status = status;
        LastUpdatedAt = at;
    }
}
