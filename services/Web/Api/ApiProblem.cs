namespace CloudPatterns.Web.Api;

/// <summary>
/// A refusal from the API as the site shows it: the ProblemDetails' title and detail, and for a 400 the message
/// of each field (keyed as the API names them, e.g. <c>payment.token</c>), so a form can put it next to its input.
/// </summary>
public sealed record ApiProblem(HttpStatusCode Status, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsNotFound => Status == HttpStatusCode.NotFound;

    /// <summary>412: the resource changed since the ETag sent in If-Match was read.</summary>
    public bool IsConflictingChange => Status == HttpStatusCode.PreconditionFailed;

    /// <summary>The messages for one field, matched case-insensitively (the API writes JSON paths, forms use property names).</summary>
    public IReadOnlyList<string> For(string field) =>
        Errors.Where(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase) || e.Key.EndsWith("." + field, StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => e.Value).ToList();

    public static ApiProblem Unreachable(string detail) =>
        new(HttpStatusCode.ServiceUnavailable, "The shop's API cannot be reached right now.", detail, new Dictionary<string, string[]>());
}
