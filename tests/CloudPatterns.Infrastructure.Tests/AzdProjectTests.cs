namespace CloudPatterns.Infrastructure.Tests;

/// <summary>azure.yaml: valid for azd, and every app of dapr.yaml is an azd service and a container app alike.</summary>
public sealed class AzdProjectTests
{
    [Fact]
    public void AzureYamlIsValidAgainstTheAzdSchema()
    {
        var schemaFile = RepositoryPaths.Reference("azd", "azure.yaml.json");
        if (schemaFile is null)
        {
            Assert.Skip("The azd schema is not there: set CLOUDPATTERNS_REFERENCE to a folder holding azd/azure.yaml.json, or keep it at ../shared/reference beside the repository.");
        }

        // The schema refers to azd extensions' schemas by URL for hosts this project does not use; they are not
        // fetched (no network in the checks), and stand here as schemas that accept anything.
        var registry = new SchemaRegistry();
        var text = File.ReadAllText(schemaFile);
        foreach (var reference in JsonNode.Parse(text)!.ToJsonString().Split("\"$ref\":\"").Skip(1).Select(s => s[..s.IndexOf('"', StringComparison.Ordinal)]).Where(r => r.StartsWith("http", StringComparison.Ordinal)).Distinct())
        {
            registry.Register(new Uri(reference), JsonSchema.FromText("true", new BuildOptions { SchemaRegistry = registry }, new Uri(reference)));
        }

        var schema = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = registry });
        using var instance = JsonDocument.Parse(Deployment.AzureYaml.ToJsonString());
        var result = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        var errors = (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
            .ToList();
        Assert.True(result.IsValid, "azure.yaml: " + string.Join("; ", errors));
    }

    [Fact]
    public void EveryRunFileAppIsAnAzdServiceAndAContainerAppWithTheSameIdAndPort()
    {
        var services = Deployment.AzureYaml["services"]!.AsObject();

        Assert.Equal(Deployment.RunFileApps.Select(a => a.Id).Order(StringComparer.Ordinal), services.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal(Deployment.RunFileApps.Select(a => a.Id).Order(StringComparer.Ordinal), Deployment.Apps.Select(a => a.Text("id")!).Order(StringComparer.Ordinal));
        foreach (var (id, port, directory) in Deployment.RunFileApps)
        {
            var service = services[id]!;
            Assert.Equal("containerapp", service.Text("host"));
            Assert.Equal("csharp", service.Text("language"));
            Assert.Equal(directory, service.Text("project")!.TrimStart('.', '/').TrimEnd('/'));

            var app = Deployment.App(id);
            Assert.Equal(port, app["port"]!.GetValue<int>());
            Assert.Equal(directory, app.Text("project"));
        }
    }

    [Fact]
    public void OnlyTheGatewayFacesTheInternet()
    {
        Assert.Equal(["gateway"], Deployment.Apps.Where(a => a["externalIngress"]?.GetValue<bool>() == true).Select(a => a.Text("id")));
    }

    [Fact]
    public void SidecarsTakeTheRequestBodiesTheRunFileAllowsThem()
    {
        // dapr.yaml's maxBodySize (e.g. 16Mi) is dapr.httpMaxRequestSize in MB on Container Apps; 4 is daprd's default.
        var runFile = YamlDocuments.Load(RepositoryPaths.Combine("dapr.yaml")).Single()["apps"]!.AsArray().Select(a => a!.AsObject());
        foreach (var app in runFile)
        {
            var id = app.Text("appID")!;
            var expected = app.Text("maxBodySize") is { } limit ? int.Parse(limit.TrimEnd('M', 'i'), System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
            var deployed = Deployment.App(id)["maxRequestSizeMb"]?.GetValue<int>();
            Assert.True(deployed == expected, $"{id}: apps.json maxRequestSizeMb {deployed} for dapr.yaml's maxBodySize {app.Text("maxBodySize")}");
        }
    }

    [Fact]
    public void ProvisioningKnowsWhichAppsAzdHasDeployed()
    {
        // azd sets SERVICE_<NAME>_RESOURCE_EXISTS per service; main.bicep keeps those apps' current images.
        var parameters = Deployment.Json("main.parameters.json")["parameters"]!["appsExist"]!["value"]!.AsObject();

        Assert.Equal(Deployment.Apps.Select(a => a.Text("id")!).Order(StringComparer.Ordinal), parameters.Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var (id, value) in parameters)
        {
            Assert.Equal($"${{SERVICE_{id.Replace('-', '_').ToUpperInvariant()}_RESOURCE_EXISTS=false}}", value!.GetValue<string>());
        }
    }

    [Fact]
    public void ActorAndWorkflowHostsKeepAReplicaAndStatelessConsumersScaleToZero()
    {
        var actorHosts = Deployment.AzureComponents.Where(c => c.Component.IsActorStateStore).SelectMany(c => c.Component.Scopes).ToHashSet();
        foreach (var app in Deployment.Apps)
        {
            var id = app.Text("id")!;
            if (actorHosts.Contains(id))
            {
                Assert.True(app["minReplicas"]!.GetValue<int>() >= 1, $"{id} holds actors or workflows and must keep a replica");
            }
        }

        Assert.Equal(0, Deployment.App("image-processor")["minReplicas"]!.GetValue<int>());
    }
}
