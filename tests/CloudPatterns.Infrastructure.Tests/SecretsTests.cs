namespace CloudPatterns.Infrastructure.Tests;

/// <summary>Key Vault holds every secret an app reads: the provisioning tool's plan names them all.</summary>
public sealed partial class SecretsTests
{
    private static readonly IReadOnlyList<JsonObject> s_plan = Deployment.Json(Path.Combine("..", "secrets.json"))["secrets"]!.AsArray().Select(s => s!.AsObject()).ToList();

    [Fact]
    public void TheSecretsTheAppsReadThemselvesArePlanned()
    {
        var paymentSettings = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("services", "PaymentService", "appsettings.json")))!;
        var authentication = File.ReadAllText(RepositoryPaths.Combine("services", "BuildingBlocks", "Security", "UserAuthenticationOptions.cs"));
        var read = new[]
        {
            paymentSettings["PaymentProvider"]!["ApiKeySecret"]!.GetValue<string>(),
            SigningKeyDefault().Match(authentication).Groups[1].Value,
        };

        Assert.All(read, name => Assert.Contains(s_plan, s => s.Text("name") == name));
    }

    [Fact]
    public void EverySecretAComponentRefersToIsPlannedAndSuppliedByWhoIssuesIt()
    {
        Deployment.RequireAzureComponents();
        foreach (var (file, component, resource) in Deployment.AzureComponents)
        {
            foreach (var entry in Deployment.MetadataOf(resource).Where(m => m["secretKeyRef"] is not null))
            {
                var name = entry["secretKeyRef"]!.Text("name");
                Assert.True(s_plan.Any(s => s.Text("name") == name), $"{file}: {component.Name}.{entry.Text("name")} reads secret {name}, which infra/secrets.json does not plan");
            }
        }
    }

    [Fact]
    public void EveryPlannedSecretSaysWhereItsValueComesFrom()
    {
        Assert.All(s_plan, s =>
        {
            Assert.Matches("^[a-z0-9-]+$", s.Text("name"));
            Assert.Contains(s.Text("source"), new[] { "generate", "environment" });
            Assert.False(s.Text("source") == "generate" && s["placeholder"]?.GetValue<bool>() == true, $"{s.Text("name")}: a generated secret needs no placeholder");
            Assert.False(string.IsNullOrWhiteSpace(s.Text("note")));
        });
    }

    [GeneratedRegex("""SigningKeySecret \{ get; set; \} = "([^"]+)";""")]
    private static partial Regex SigningKeyDefault();
}
