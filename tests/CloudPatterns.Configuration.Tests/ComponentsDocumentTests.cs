namespace CloudPatterns.Configuration.Tests;

/// <summary>docs/components.md says what the component YAML says, and what scripts/aws-provision seeds.</summary>
public sealed class ComponentsDocumentTests
{
    /// <summary>Set to 1 to have the test rewrite the generated part of docs/components.md instead of only failing.</summary>
    private const string RewriteVariable = "CLOUDPATTERNS_REWRITE_DOCS";

    private static readonly string s_path = RepositoryPaths.Combine("docs", "components.md");

    [Fact]
    public void TheComponentTablesMatchTheYaml()
    {
        var document = File.ReadAllText(s_path).ReplaceLineEndings("\n");
        var expected = ComponentsDocument.Generate(RunFile.Load().AppIds).ReplaceLineEndings("\n");
        var actual = ComponentsDocument.Extract(document);
        if (expected != actual && actual is not null && Environment.GetEnvironmentVariable(RewriteVariable) == "1")
        {
            File.WriteAllText(s_path, document.Replace(actual, expected, StringComparison.Ordinal));
        }

        Assert.True(expected == actual,
            $"docs/components.md is out of date: run the tests with {RewriteVariable}=1 to rewrite its generated part, or replace it with:\n\n{expected}");
    }

    [Fact]
    public void LocalStackGetsEverySecretTheAwsSetTheAlternativesAndTheAppsRead()
    {
        var provision = File.ReadAllText(RepositoryPaths.Combine("scripts", "aws-provision"));
        var secrets = ComponentsDocument.Secrets()
            .Where(s => s.Readers.Any(r => r == ComponentsDocument.AppsReader || r.StartsWith("aws:", StringComparison.Ordinal) || r.StartsWith("alternatives:", StringComparison.Ordinal)))
            .Select(s => s.Secret)
            .ToList();

        Assert.NotEmpty(secrets);
        Assert.All(secrets, secret => Assert.Contains($" {secret}", provision, StringComparison.Ordinal));
    }

    /// <summary>An alternative swapped into the local set finds its secret there (daprd would start it with an empty one).</summary>
    [Fact]
    public void TheLocalSecretsFileHoldsEverySecretAnAlternativeReads()
    {
        var secrets = ComponentsDocument.Secrets()
            .Where(s => s.Readers.Any(r => r.StartsWith("alternatives:", StringComparison.Ordinal)))
            .Select(s => s.Secret)
            .ToList();

        Assert.NotEmpty(secrets);
        Assert.All(secrets, secret => Assert.Contains(secret, ComponentsDocument.LocalSecrets()));
    }
}
