namespace CloudPatterns.Configuration.Tests;

/// <summary>
/// A part of a page under docs/ that is generated from the code or the YAML, so that the page cannot go stale. Set
/// CLOUDPATTERNS_REWRITE_DOCS to 1 to have the tests rewrite a part that is out of date instead of only failing.
/// </summary>
public static class GeneratedDocument
{
    private const string RewriteVariable = "CLOUDPATTERNS_REWRITE_DOCS";

    /// <summary>
    /// docs/<paramref name="page"/> holds <paramref name="generated"/> as its generated part, which
    /// <paramref name="extract"/> finds in the page (null when the page has none).
    /// </summary>
    public static void AssertUpToDate(string page, string generated, Func<string, string?> extract)
    {
        var path = RepositoryPaths.Combine("docs", page);
        var document = File.ReadAllText(path).ReplaceLineEndings("\n");
        var expected = generated.ReplaceLineEndings("\n");
        var actual = extract(document);
        if (expected != actual && actual is not null && Environment.GetEnvironmentVariable(RewriteVariable) == "1")
        {
            File.WriteAllText(path, document.Replace(actual, expected, StringComparison.Ordinal));
        }

        Assert.True(expected == actual,
            $"docs/{page} is out of date: run the tests with {RewriteVariable}=1 to rewrite its generated part, or replace it with:\n\n{expected}");
    }
}
