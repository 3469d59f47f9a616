namespace CloudPatterns.Infrastructure.Tests;

/// <summary>infra/bicep compiles with the real Bicep compiler, its linter fully on, without a single warning.</summary>
public sealed partial class BicepTests
{
    [Fact]
    public void MainBicepCompilesWithoutErrorsOrWarnings()
    {
        Deployment.RequireAzureComponents();
        var compilation = Bicep.Main;

        Assert.True(compilation.Diagnostics.Count == 0, "bicep build infra/bicep/main.bicep:\n" + string.Join('\n', compilation.Diagnostics));
        Assert.Equal(0, compilation.ExitCode);
        Assert.NotNull(compilation.Template);
    }

    [Fact]
    public void BicepConfigTurnsEveryLinterRuleOn()
    {
        var config = Deployment.Json("bicepconfig.json");
        var core = config["analyzers"]!["core"]!;

        Assert.True(core["enabled"]!.GetValue<bool>(), "the linter is off");
        var rules = core["rules"]!.AsObject();
        Assert.True(rules.Count >= 35, $"only {rules.Count} linter rules are configured");
        // A rule below warning level is a suppression: the line above it must say why.
        var lines = File.ReadAllLines(Deployment.Path("bicepconfig.json"));
        var off = rules.Where(r => r.Value!["level"]!.GetValue<string>() is "off" or "info").Select(r => r.Key)
            .Where(rule => lines.Index().Any(l => l.Item.Contains($"\"{rule}\"", StringComparison.Ordinal) && (l.Index == 0 || !lines[l.Index - 1].TrimStart().StartsWith("//", StringComparison.Ordinal))))
            .ToList();
        Assert.True(off.Count == 0, $"linter rules below warning level without the reason next to them: {string.Join(", ", off)}");
    }

    [Fact]
    public void EverySuppressedDiagnosticSaysWhyNextToIt()
    {
        foreach (var file in Directory.EnumerateFiles(Deployment.Path(), "*.bicep", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].TrimStart().StartsWith("#disable-", StringComparison.Ordinal))
                {
                    var reasoned = (i > 0 && lines[i - 1].TrimStart().StartsWith("//", StringComparison.Ordinal)) || lines[i].Contains("//", StringComparison.Ordinal);
                    Assert.True(reasoned, $"{Path.GetFileName(file)}:{i + 1}: a suppression without its reason");
                }
            }
        }
    }

    [Fact]
    public void EveryParameterSaysWhatItIsFor()
    {
        foreach (var file in Directory.EnumerateFiles(Deployment.Path(), "*.bicep", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].StartsWith("param ", StringComparison.Ordinal))
                {
                    var decorators = lines.Take(i).Reverse().TakeWhile(l => l.StartsWith('@'));
                    Assert.True(decorators.Any(d => d.StartsWith("@description(", StringComparison.Ordinal)),
                        $"{Path.GetFileName(file)}:{i + 1}: {lines[i]} has no @description");
                }
            }
        }
    }

    [Fact]
    public void TheOutputsAzdNeedsAreThere()
    {
        Deployment.RequireAzureComponents();
        var outputs = Bicep.Main.Template!["outputs"]!.AsObject();

        foreach (var name in new[]
                 {
                     "AZURE_CONTAINER_REGISTRY_ENDPOINT", "AZURE_CONTAINER_APPS_ENVIRONMENT_ID", "AZURE_RESOURCE_GROUP",
                     "AZURE_KEY_VAULT_ENDPOINT", "GATEWAY_URL",
                 })
        {
            Assert.True(outputs.ContainsKey(name), $"main.bicep has no output {name}");
        }

        Assert.DoesNotContain(outputs, o => SecretLike().IsMatch(o.Key));
    }

    [GeneratedRegex("KEY$|SECRET|PASSWORD|CONNECTION_STRING", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLike();
}
