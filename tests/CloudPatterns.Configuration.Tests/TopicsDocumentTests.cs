namespace CloudPatterns.Configuration.Tests;

public sealed class TopicsDocumentTests
{
    /// <summary>Set to 1 to have the test rewrite the generated part of docs/architecture.md instead of only failing.</summary>
    private const string RewriteVariable = "CLOUDPATTERNS_REWRITE_DOCS";

    private static readonly string s_path = RepositoryPaths.Combine("docs", "architecture.md");

    [Fact]
    public void TheTopicTableMatchesThePublishersAndSubscribersInTheCode()
    {
        var document = File.ReadAllText(s_path).ReplaceLineEndings("\n");
        var expected = TopicsDocument.Generate().ReplaceLineEndings("\n");
        var actual = TopicsDocument.Extract(document);
        if (expected != actual && actual is not null && Environment.GetEnvironmentVariable(RewriteVariable) == "1")
        {
            File.WriteAllText(s_path, document.Replace(actual, expected, StringComparison.Ordinal));
        }

        Assert.True(expected == actual,
            $"docs/architecture.md is out of date: run the tests with {RewriteVariable}=1 to rewrite its generated part, or replace it with:\n\n{expected}");
    }
}
