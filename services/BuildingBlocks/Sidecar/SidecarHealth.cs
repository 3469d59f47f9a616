namespace CloudPatterns.Sidecar;

/// <summary>
/// Whether the app's Dapr sidecar answers, asked through its outbound health endpoint (which does not depend on this
/// app, so the sidecar probing our /health cannot deadlock with us probing it). A change is logged once — which
/// address was tried and how to start the system — and repeated probes stay quiet.
/// </summary>
public sealed partial class SidecarHealth(DaprClient dapr, IConfiguration configuration, ILogger<SidecarHealth> logger)
{
    private const int Unknown = 0, Answering = 1, Silent = 2;
    private int _state = Unknown;

    /// <summary>Where the Dapr client looks for the sidecar: DAPR_HTTP_ENDPOINT, or DAPR_HTTP_PORT on localhost.</summary>
    public string HttpEndpoint { get; } = DaprDefaults.GetDefaultHttpEndpoint(configuration);

    /// <summary>Where the Dapr client's gRPC calls (workflows, actors) go: DAPR_GRPC_ENDPOINT, or DAPR_GRPC_PORT.</summary>
    public string GrpcEndpoint { get; } = DaprDefaults.GetDefaultGrpcEndpoint(configuration);

    /// <summary>What a person can do about a silent sidecar.</summary>
    public string SilentReason =>
        $"No ready Dapr sidecar answers at {HttpEndpoint} (gRPC {GrpcEndpoint}). Start the whole system with "
        + "`dapr run -f .` from the repository root, or point DAPR_HTTP_PORT and DAPR_GRPC_PORT at a running sidecar.";

    public async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        bool answers;
        try
        {
            answers = await dapr.CheckOutboundHealthAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or DaprException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            answers = false;
        }

        var now = answers ? Answering : Silent;
        if (Interlocked.Exchange(ref _state, now) != now)
        {
            if (answers)
            {
                LogAnswering(logger, HttpEndpoint);
            }
            else
            {
                LogSilent(logger, SilentReason);
            }
        }

        return answers;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The Dapr sidecar at {Endpoint} answers")]
    private static partial void LogAnswering(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Reason} Said once; probes stay quiet until it answers.")]
    private static partial void LogSilent(ILogger logger, string reason);
}
