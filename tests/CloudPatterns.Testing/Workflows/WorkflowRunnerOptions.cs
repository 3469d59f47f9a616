namespace CloudPatterns.Testing.Workflows;

public sealed class WorkflowRunnerOptions
{
    /// <summary>
    /// Run every activity twice and use the second result: the runtime runs activities at least once, so
    /// they must be safe to repeat. Turn on to prove it.
    /// </summary>
    public bool RunActivitiesTwice { get; set; }
}
