namespace CloudPatterns.Hosting.Problems;

/// <summary>
/// Declares the 503 every endpoint that goes through the sidecar may answer: <see cref="ProblemExceptionHandler"/>
/// turns a failed Dapr call, or a record other writers keep winning, into 503 with Retry-After.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Delegate)]
public sealed class UnavailableResponseAttribute : Attribute, IProducesResponseTypeMetadata
{
    public int StatusCode => StatusCodes.Status503ServiceUnavailable;

    public string Description => "A dependency of this service (its sidecar, a store) is unavailable, or the record is busy: try again after Retry-After.";

    public Type Type => typeof(ProblemDetails);

    public IEnumerable<string> ContentTypes => [ProblemResponseAttribute.ContentType];
}
