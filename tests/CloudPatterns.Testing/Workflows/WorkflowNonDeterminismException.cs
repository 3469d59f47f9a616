namespace CloudPatterns.Testing.Workflows;

/// <summary>Replaying a workflow's history against its code asked for something else: the code is not deterministic.</summary>
public sealed class WorkflowNonDeterminismException(string message) : Exception(message);
