namespace CloudPatterns.Testing.Workflows;

public sealed class WorkflowRunnerOptions
{
    /// <summary>
    /// Run every activity twice and use the second result: the runtime runs activities at least once, so
    /// they must be safe to repeat. Turn on to prove it.
    /// </summary>
    public bool RunActivitiesTwice { get; set; }

    /// <summary>
    /// The app's workflow API cannot be reached (daprd down or restarting, its gRPC port closed): every call of the
    /// app's workflow client throws <c>RpcException</c> with <c>StatusCode.Unavailable</c>, as Grpc.Net.Client does when
    /// its connection is refused. Running instances go on; only the client is cut off.
    /// </summary>
    public bool ClientUnavailable { get; set; }
}
