namespace CloudPatterns.Gateway.Routing;

/// <summary>
/// daprd's own answer when it could not reach the app behind a route (down, restarting, or slower than the invocation's
/// timeout): 500 with its error JSON, ERR_DIRECT_INVOKE and the Go error behind it (dapr/dapr v1.18.3
/// pkg/api/http/directmessaging.go L168, pkg/messages/predefined.go L71). A client is told what that means, 503 with
/// Retry-After, in a problem of the gateway's own; the sidecar's words go to the log. Apps answer their failures as
/// problem details, which pass as they are.
/// </summary>
public static partial class SidecarInvokeFailure
{
    private const string DirectInvokeError = "ERR_DIRECT_INVOKE";

    // daprd writes its error in one piece of a few hundred bytes, which Go's server sends with its length.
    private const int LargestErrorBytes = 64 * 1024;

    /// <summary>Replaces daprd's failure to invoke with a 503; any other answer is left as it is.</summary>
    public static async ValueTask ReplaceAsync(ResponseTransformContext transform, ILogger logger)
    {
        if (transform.ProxyResponse is not { StatusCode: HttpStatusCode.InternalServerError } proxied
            || proxied.Content.Headers.ContentType?.MediaType != "application/json"
            || proxied.Content.Headers.ContentLength is not (> 0 and <= LargestErrorBytes))
        {
            return;
        }

        // Read to be judged, so from here the gateway writes the body itself (when there is one to write), byte for byte.
        var body = await proxied.Content.ReadAsByteArrayAsync(transform.CancellationToken);
        var withoutBody = transform.SuppressResponseBody;
        transform.SuppressResponseBody = true;
        var response = transform.HttpContext.Response;
        if (SidecarError(body) is not { } error)
        {
            if (!withoutBody)
            {
                await response.Body.WriteAsync(body, transform.CancellationToken);
            }

            return;
        }

        LogUnreachable(logger, transform.HttpContext.Request.Method, transform.HttpContext.Request.Path, error);
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = "5";
        response.ContentLength = null;
        response.ContentType = null;
        if (withoutBody)
        {
            // A HEAD answer has no body, which status code pages would otherwise fill in.
            transform.HttpContext.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            return;
        }

        await transform.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = transform.HttpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The service behind this route is unavailable.",
                Detail = "Try again in a few seconds; a request with an Idempotency-Key may be sent again with the same key.",
            },
        });
    }

    /// <summary>daprd's failure to invoke, as its code and message; null for anything else (an app's own JSON).</summary>
    private static string? SidecarError(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject answer && answer["errorCode"] is JsonValue code
                && code.TryGetValue<string>(out var errorCode) && errorCode == DirectInvokeError
                ? $"{errorCode}: {answer["message"]}"
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sidecar could not reach the app behind {Method} {Path}; answered 503: {Error}")]
    private static partial void LogUnreachable(ILogger logger, string method, string path, string error);
}
