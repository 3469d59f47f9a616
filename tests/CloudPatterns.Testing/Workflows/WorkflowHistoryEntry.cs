namespace CloudPatterns.Testing.Workflows;

/// <summary>
/// One thing a workflow asked for, in the order it asked: an activity (one entry per attempt), a timer,
/// an external event, a child workflow. Inputs and outputs are kept serialized, as the runtime keeps them.
/// </summary>
public sealed class WorkflowHistoryEntry(int sequence, WorkflowActionKind kind, string name, string? input, DateTime scheduledAt, Func<int> nextCompletion)
{
    public int Sequence { get; } = sequence;

    public WorkflowActionKind Kind { get; } = kind;

    public string Name { get; } = name;

    public string? Input { get; } = input;

    public DateTime ScheduledAt { get; } = scheduledAt;

    public WorkflowActionStatus Status { get; private set; } = WorkflowActionStatus.Pending;

    public string? Output { get; private set; }

    public WorkflowTaskFailureDetails? Failure { get; private set; }

    public DateTime? CompletedAt { get; private set; }

    /// <summary>The order in which this instance's actions finished; a replay resolves them in the same order.</summary>
    public int? CompletionOrder { get; private set; }

    /// <summary>What a replay compares: the same kind, name and input at the same position.</summary>
    public string Signature => $"{Kind} {Name}({Input})";

    public override string ToString() => $"#{Sequence} {Signature} -> {Status}{(Output is null ? string.Empty : " " + Output)}";

    internal void Complete(string? output, DateTime at) => Close(WorkflowActionStatus.Completed, at, output: output);

    internal void Fail(WorkflowTaskFailureDetails failure, DateTime at) => Close(WorkflowActionStatus.Failed, at, failure: failure);

    internal void Close(WorkflowActionStatus status, DateTime at, string? output = null, WorkflowTaskFailureDetails? failure = null)
    {
        if (Status != WorkflowActionStatus.Pending)
        {
            return;
        }

        (Status, Output, Failure, CompletedAt, CompletionOrder) = (status, output, failure, at, nextCompletion());
    }
}
