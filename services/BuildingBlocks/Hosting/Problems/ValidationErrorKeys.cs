namespace CloudPatterns.Hosting.Problems;

/// <summary>
/// Validation errors name the field as the client wrote it. Declared validation reports C# member paths
/// ("Lines[0].Quantity"), binding and hand-written checks JSON paths ("lines[0].quantity"); this turns the
/// first kind into the second so every 400 in every service names fields one way. Header names
/// ("Idempotency-Key") are left alone.
/// </summary>
public static partial class ValidationErrorKeys
{
    public static void UseJsonPaths(HttpValidationProblemDetails problem)
    {
        if (!problem.Errors.Keys.Any(MemberPath().IsMatch))
        {
            return;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, messages) in problem.Errors)
        {
            var name = ToJsonPath(key);
            errors[name] = errors.TryGetValue(name, out var earlier) ? [.. earlier, .. messages] : messages;
        }

        problem.Errors.Clear();
        foreach (var (key, messages) in errors)
        {
            problem.Errors[key] = messages;
        }
    }

    /// <summary>"Payment.Token" → "payment.token", "Lines[0].Sku" → "lines[0].sku"; anything else unchanged.</summary>
    public static string ToJsonPath(string key)
    {
        if (!MemberPath().IsMatch(key))
        {
            return key;
        }

        var path = new StringBuilder(key);
        for (var i = 0; i < path.Length; i++)
        {
            if (i == 0 || path[i - 1] == '.')
            {
                path[i] = char.ToLowerInvariant(path[i]);
            }
        }

        return path.ToString();
    }

    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*(\[[0-9]+\])*(\.[A-Za-z][A-Za-z0-9]*(\[[0-9]+\])*)*$")]
    private static partial Regex MemberPath();
}
