namespace CloudPatterns.Gateway.Canary;

/// <summary>
/// Canary releases (configuration Gateway:Canary), a list so that an environment variable can name an entry by
/// index (Gateway__Canary__0__Candidate): a variable named after an app id would hold a dash, which POSIX shells
/// (dash, as `dapr run` starts apps through /bin/sh) drop from the environment.
/// </summary>
public sealed class CanaryReleases : IValidatableObject
{
    public const string Section = "Gateway";

    public List<CanaryRelease> Canary { get; set; } = [];

    public CanaryRelease? For(string appId) => Canary.FirstOrDefault(r => string.Equals(r.App, appId, StringComparison.Ordinal));

    /// <summary>Each entry by its index, as configuration names it (options validation does not look inside a list by itself).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Canary.Count; i++)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(Canary[i], new ValidationContext(Canary[i]), results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return new ValidationResult($"{Section}:Canary:{i}: {result.ErrorMessage}", [.. result.MemberNames.Select(m => $"Canary:{i}:{m}")]);
            }
        }
    }
}
