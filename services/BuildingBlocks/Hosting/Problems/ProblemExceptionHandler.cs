namespace CloudPatterns.Hosting.Problems;

/// <summary>
/// Where exceptions become HTTP answers. Unreadable request bodies are the caller's fault (400, naming the JSON
/// path that broke); anything no handler registered before this one took is ours (500, logged, with no internals
/// in the body). The sidecar's failures are answered before this, by <c>SidecarFailureHandler</c>.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => BodyProblem(json),
            BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } bad when ParameterProblem(bad.Message) is { } parameter => parameter,
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "The request could not be read.",
                Detail = bad.Message,
            },
            _ => null,
        };

        if (problem is null)
        {
            LogUnhandled(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
            };
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ValidationProblemDetails BodyProblem(JsonException json)
    {
        var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
        return new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [Expected.FromJson(json)] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body is not valid JSON for this endpoint.",
        };
    }

    /// <summary>
    /// Minimal APIs report a parameter they could not bind as 'Failed to bind parameter "int page" from "x"'
    /// or 'Required parameter "Input input" was not provided from body': name the parameter (or the body).
    /// </summary>
    private static ValidationProblemDetails? ParameterProblem(string message)
    {
        var match = BindingFailure().Match(message);
        if (!match.Success)
        {
            return null;
        }

        var body = match.Groups["rest"].Value.Contains("body", StringComparison.Ordinal);
        var field = body ? "body" : match.Groups["name"].Value;
        var what = body ? "is required" : Expected.ForBinding(match.Groups["type"].Value, match.Groups["value"].Value);
        return new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [what] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request could not be read.",
        };
    }

    [GeneratedRegex("""parameter "(?:(?<type>[^"]+) )?(?<name>[^" ]+)"(?<rest>(?: from "(?<value>[^"]*)")?.*)$""")]
    private static partial Regex BindingFailure();

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception while serving {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception exception);
}
