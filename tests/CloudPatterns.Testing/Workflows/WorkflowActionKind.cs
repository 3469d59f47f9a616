namespace CloudPatterns.Testing.Workflows;

public enum WorkflowActionKind
{
    Activity,
    Timer,
    ExternalEvent,
    ChildWorkflow,
    DetachedWorkflow,
    SendEvent,
}
