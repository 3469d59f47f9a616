namespace CloudPatterns.Hosting.Problems;

/// <summary>
/// Declares, on an endpoint's handler, a problem answer it gives (a <see cref="ProblemDetails"/> body as
/// application/problem+json) and when: what the service's API document lists beside the handler's typed results.
/// 400 validation problems come from the handler's <c>ValidationProblem</c> result; 401 and 403 from its
/// authorization (see <c>ServiceApiDocument</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Delegate, AllowMultiple = true)]
public sealed class ProblemResponseAttribute(int statusCode, string description) : Attribute, IProducesResponseTypeMetadata
{
    public const string ContentType = "application/problem+json";

    public int StatusCode { get; } = statusCode;

    public string Description { get; } = description;

    public Type Type => typeof(ProblemDetails);

    public IEnumerable<string> ContentTypes => [ContentType];
}
