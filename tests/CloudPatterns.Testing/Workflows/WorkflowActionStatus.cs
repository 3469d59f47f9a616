namespace CloudPatterns.Testing.Workflows;

public enum WorkflowActionStatus
{
    Pending,
    Completed,
    Failed,
    TimedOut,
    Canceled,
}
