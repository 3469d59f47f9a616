namespace CloudPatterns.Infrastructure.Tests;

/// <summary>components/azure is what gets deployed: every file, with its scopes, and every value it refers to.</summary>
public sealed partial class ComponentTests
{
    private static readonly string s_main = File.ReadAllText(Deployment.Path("main.bicep"));

    [Fact]
    public void EveryComponentFileIsDeployed()
    {
        Deployment.RequireAzureComponents();
        var loaded = LoadedComponent().Matches(s_main).Select(m => m.Groups[1].Value).ToList();
        var files = Deployment.AzureComponents.Select(c => c.File).Distinct().ToList();

        Assert.Equal(files.Order(StringComparer.Ordinal), loaded.Order(StringComparer.Ordinal));
        Assert.Equal(files.Count, Deployment.AzureComponents.Count); // one component per file: Bicep reads only a file's first document
    }

    [Fact]
    public void ComponentsAreDeployedWithTheirNamesTypesMetadataAndScopes()
    {
        // The mapping (environment.bicep) carries each of these over; the compiled template shows it does.
        Deployment.RequireAzureComponents();
        var environment = Compilation.NestedModule(Bicep.Main.Module("primary"), "environment");
        var component = Compilation.ResourceList(environment).Single(r => r["type"]!.GetValue<string>() == "Microsoft.App/managedEnvironments/daprComponents");
        var mapping = environment["variables"]!["daprComponents"]!.ToString();

        Assert.Equal("[length(variables('daprComponents'))]", component["copy"]!["count"]!.ToString());
        Assert.Equal("[variables('daprComponents')[copyIndex()].properties]", component["properties"]!.ToString());
        foreach (var property in new[] { "componentType", "version", "metadata", "scopes", "secretStoreComponent", "'envRef'", "'secretKeyRef'", "'azureClientId'" })
        {
            Assert.Contains(property, mapping, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryEnvRefIsAValueTheDeploymentSupplies()
    {
        Deployment.RequireAzureComponents();
        var everywhere = Keys("var deploymentValues = {");
        var postgresOnly = Keys("func postgresValues(");

        foreach (var (file, component, resource) in Deployment.AzureComponents)
        {
            foreach (var entry in Deployment.MetadataOf(resource).Where(m => m["envRef"] is not null && m.Text("name") != "azureClientId"))
            {
                var name = entry.Text("envRef")!;
                var supplied = everywhere.Contains(name) || (component.Type == "state.postgresql" && postgresOnly.Contains(name));
                Assert.True(supplied, $"{file}: {component.Name}.{entry.Text("name")} reads {name}, which main.bicep does not supply");
            }
        }

        // The object keys of the first block of main.bicep that starts with the given text.
        static HashSet<string> Keys(string start)
        {
            var block = s_main[s_main.IndexOf(start, StringComparison.Ordinal)..];
            return DeploymentValue().Matches(block[..block.IndexOf("\n}", StringComparison.Ordinal)]).Select(m => m.Groups[1].Value).ToHashSet();
        }
    }

    [Fact]
    public void NoComponentHoldsASecretValue()
    {
        Deployment.RequireAzureComponents();
        var secretNames = new[] { "masterKey", "connectionString", "accountKey", "apiKey", "authToken", "password", "clientSecret" };
        foreach (var (file, component, resource) in Deployment.AzureComponents)
        {
            foreach (var entry in Deployment.MetadataOf(resource).Where(m => secretNames.Contains(m.Text("name"), StringComparer.OrdinalIgnoreCase)))
            {
                Assert.True(entry["value"] is null, $"{file}: {component.Name}.{entry.Text("name")} is written inline; use secretKeyRef");
            }
        }
    }

    [Fact]
    public void ServiceBusEntitiesComeFromTheDeploymentNotFromTheComponent()
    {
        // The apps get send and receive rights only; a component that manages entities needs Manage (Data Owner).
        // components/azure may let it manage them (a laptop's user has the rights); the mapping turns that off.
        Deployment.RequireAzureComponents();
        var environment = Compilation.NestedModule(Bicep.Main.Module("primary"), "environment");
        var mapping = environment["variables"]!["daprComponents"]!.ToString();

        Assert.Contains("startsWith(lambdaVariables('c').type, 'pubsub.azure.servicebus'), createArray(createObject('name', 'disableEntityManagement', 'value', 'true'))", mapping, StringComparison.Ordinal);
        Assert.Contains("not(equals(lambdaVariables('m').name, 'disableEntityManagement'))", mapping, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"loadYamlContent\('\.\./\.\./components/azure/([^']+)'\)")]
    private static partial Regex LoadedComponent();

    [GeneratedRegex(@"^\s*(CLOUDPATTERNS_\w+):", RegexOptions.Multiline)]
    private static partial Regex DeploymentValue();
}
