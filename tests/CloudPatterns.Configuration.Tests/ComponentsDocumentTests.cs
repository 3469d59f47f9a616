namespace CloudPatterns.Configuration.Tests;

/// <summary>docs/components.md says what the component YAML says, and what scripts/aws-provision seeds.</summary>
public sealed class ComponentsDocumentTests
{
    [Fact]
    public void TheComponentTablesMatchTheYaml()
    {
        GeneratedDocument.AssertUpToDate("components.md", ComponentsDocument.Generate(RunFile.Load().AppIds), ComponentsDocument.Extract);
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
