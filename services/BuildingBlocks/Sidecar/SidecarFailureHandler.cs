namespace CloudPatterns.Sidecar;

/// <summary>
/// The sidecar's failures as HTTP answers: a Dapr call that failed (through DaprClient, or a gRPC call of the
/// workflow client, which throws RpcException as it is), or a record other writers kept winning, is transient, so
/// 503 with a hint when to retry. Registered before the catch-all problem handler, which answers whatever this one leaves.
/// </summary>
public sealed partial class SidecarFailureHandler(IProblemDetailsService problems, ILogger<SidecarFailureHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (problem, retryAfterSeconds) = exception switch
        {
            DaprException => (Unavailable(httpContext), "5"),
            // The workflow client's gRPC failures that asking again may change: daprd down, slow or busy, or a failure it
            // reports as Internal or Unknown. (InvalidArgument, NotFound, PermissionDenied … are answers about the call.)
            RpcException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted
                or StatusCode.Aborted or StatusCode.Internal or StatusCode.Unknown } => (Unavailable(httpContext), "5"),
            StateContentionException contention => (Busy(contention), "1"),
            _ => (null, null),
        };
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = retryAfterSeconds;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>The sidecar or a component behind it failed.</summary>
    private ProblemDetails Unavailable(HttpContext httpContext)
    {
        LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path);
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "A dependency of this service is unavailable.",
            Detail = "Try again in a few seconds.",
        };
    }

    /// <summary>Other writers kept winning the race for one record.</summary>
    private static ProblemDetails Busy(StateContentionException contention) => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = "The record is busy.",
        Detail = $"{contention.Message}. Try again in a moment.",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Dapr call failed while serving {Method} {Path}; answered 503")]
    private static partial void LogUnavailable(ILogger logger, string method, string path);
}
