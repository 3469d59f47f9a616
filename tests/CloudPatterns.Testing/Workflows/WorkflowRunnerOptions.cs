namespace CloudPatterns.Testing.Workflows;

public sealed class WorkflowRunnerOptions
{
    /// <summary>
    /// Run every activity twice and use the second result: the runtime runs activities at least once, so
    /// they must be safe to repeat. Turn on to prove it.
    /// </summary>
    public bool RunActivitiesTwice { get; set; }

    /// <summary>
    /// Every call of the app's workflow client fails with this gRPC status, as Dapr.Workflow's client lets it through:
    /// <c>Unavailable</c> when daprd is down or restarting (Grpc.Net.Client's answer to a refused connection), or any
    /// other code daprd might answer. Running instances go on; only the client is cut off. Null: calls go through.
    /// </summary>
    public StatusCode? ClientFailure { get; set; }
}
