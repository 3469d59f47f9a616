namespace CloudPatterns.Testing.Workflows;

internal sealed class FabricActivityContext(string name, string instanceId, string taskExecutionKey) : WorkflowActivityContext
{
    public override TaskIdentifier Identifier { get; } = new(name);

    public override string TaskExecutionKey { get; } = taskExecutionKey;

    public override string InstanceId { get; } = instanceId;
}
