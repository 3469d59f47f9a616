namespace CloudPatterns.Infrastructure.Tests;

/// <summary>
/// Least privilege, derived rather than listed: an app's data roles come from the components scoped to it (type ->
/// role, on that component's own resource) and from its own Service Bus subscriptions, and from nothing else.
/// </summary>
public sealed class AccessTests
{
    // What each Azure component type needs, and nothing more (Microsoft's built-in role ids).
    private static readonly Dictionary<string, string> s_rolesByType = new(StringComparer.Ordinal)
    {
        ["state.azure.cosmosdb"] = "00000000-0000-0000-0000-000000000002", // Cosmos DB Built-in Data Contributor, per container
        ["pubsub.azure.servicebus.topics"] = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39", // Azure Service Bus Data Sender
        ["secretstores.azure.keyvault"] = "4633458b-17de-408a-b874-0445c86b69e6", // Key Vault Secrets User
        ["bindings.azure.blobstorage"] = "ba92f5b4-2d11-453d-a403-e96b0029c9fe", // Storage Blob Data Contributor, per container
        ["state.postgresql"] = "postgresql-entra-administrator", // an Entra ID administrator of the server (see docs/deploy-azure.md)
    };

    // Component types that reach services outside Azure with keys from the secret store: no Azure role.
    private static readonly string[] s_typesWithoutAzureRoles = ["bindings.twilio.sendgrid", "bindings.twilio.sms", "bindings.smtp", "bindings.http"];

    private const string ServiceBusDataReceiver = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0";
    private const string ServiceBusDataOwner = "090c5cfd-751d-490a-894a-3ce6f1109419";
    private const string AcrPull = "7f951dff-4ed1-467f-a2b0-4d3a2f2c1a6b";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";

    [Fact]
    public void EachComponentTypeBringsExactlyTheRoleItNeeds()
    {
        Deployment.RequireAzureComponents();
        var table = Bicep.Main.Module("primaryAccess")["variables"]!["componentRoles"]!.AsObject();
        var types = Deployment.AzureComponents.Select(c => c.Component.Type).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(
            s_rolesByType.Where(r => types.Contains(r.Key)).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={r.Value}"),
            table.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={r.Value}"));
        Assert.All(types, type => Assert.True(s_rolesByType.ContainsKey(type) || s_typesWithoutAzureRoles.Contains(type), $"no access rule for component type {type}"));
    }

    [Fact]
    public void SubscriptionsAreReadOnlyByTheirOwnAppAndManagedOnlyWhereKedaScalesOnThem()
    {
        Deployment.RequireAzureComponents();
        var roles = Bicep.Main.Module("primaryAccess")["variables"]!["subscriptionRoles"]!.AsObject();

        Assert.Equal(ServiceBusDataReceiver, roles["receive"]!.GetValue<string>());
        Assert.Equal(ServiceBusDataOwner, roles["scale"]!.GetValue<string>());
        var grant = Bicep.Main.Module("primaryAccess")["variables"]!["subscriptionGrants"]!.ToString();
        Assert.Contains("scaleOn", grant, StringComparison.Ordinal);
        Assert.Contains(".subscriptions", grant, StringComparison.Ordinal);
    }

    [Fact]
    public void TheAccountWideCosmosRoleReadsMetadataAndNothingElse()
    {
        Deployment.RequireAzureComponents();
        var definition = Compilation.ResourceList(Bicep.Main.Module("cosmos"))
            .Single(r => r["type"]!.GetValue<string>() == "Microsoft.DocumentDB/databaseAccounts/sqlRoleDefinitions");

        Assert.Equal(
            """[{"dataActions":["Microsoft.DocumentDB/databaseAccounts/readMetadata"]}]""",
            definition["properties"]!["permissions"]!.ToJsonString());
    }

    [Fact]
    public void EveryAppInAComponentsScopesIsADaprApp()
    {
        // A grant goes to the app's system-assigned identity, which only Dapr apps get; an unknown app id in a scope
        // would be granted nothing and fail at run time.
        Deployment.RequireAzureComponents();
        var daprApps = Deployment.Apps.Where(a => a["dapr"]!.GetValue<bool>()).Select(a => a.Text("id")!).ToHashSet();
        foreach (var (file, component, _) in Deployment.AzureComponents)
        {
            Assert.All(component.Scopes, app => Assert.True(daprApps.Contains(app), $"{file}: scope {app} is not a Dapr app in apps.json"));
        }
    }

    [Fact]
    public void NoOtherRoleIsGrantedAnywhere()
    {
        // Besides the derived grants (componentRoles by component, subscriptionRoles by subscription): AcrPull for
        // every app's pull identity, Secrets Officer for the deployer, and Secrets User on the one secret the
        // simulator's container references.
        Deployment.RequireAzureComponents();
        var expressions = Bicep.Main.Resources
            .Where(r => r["type"]!.GetValue<string>() == "Microsoft.Authorization/roleAssignments")
            .Select(r => r["properties"]!["roleDefinitionId"]!.ToString())
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        const string Prefix = "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ";

        Assert.Equal(
            new[]
            {
                "variables('acrPullRoleId'))]",
                "variables('componentRoles')[variables('blobGrants')[copyIndex()].component.type])]",
                "variables('componentRoles')[variables('senderGrants')[copyIndex()].component.type])]",
                "variables('componentRoles')[variables('vaultGrants')[copyIndex()].component.type])]",
                "variables('secretsOfficerRoleId'))]",
                "variables('secretsUserRoleId'))]",
                "variables('subscriptionGrants')[copyIndex()].role)]",
            }.Select(e => Prefix + e),
            expressions);
        var keyVault = Bicep.Main.Module("keyVault")["variables"]!;
        Assert.Equal(AcrPull, Bicep.Main.Module("identities")["variables"]!["acrPullRoleId"]!.GetValue<string>());
        Assert.Equal(KeyVaultSecretsOfficer, keyVault["secretsOfficerRoleId"]!.GetValue<string>());
        Assert.Equal(KeyVaultSecretsUser, keyVault["secretsUserRoleId"]!.GetValue<string>());
    }

    [Fact]
    public void TheExpectedGrantsPerAppAreDocumented()
    {
        // The table in docs/deploy-azure.md is what the derivation gives; keep it so when components change.
        Deployment.RequireAzureComponents();
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "deploy-azure.md"));
        foreach (var app in Deployment.Apps.Where(a => a["dapr"]!.GetValue<bool>()))
        {
            var id = app.Text("id")!;
            var row = doc.Split('\n').FirstOrDefault(l => l.StartsWith($"| {id} |", StringComparison.Ordinal));
            Assert.True(row is not null, $"docs/deploy-azure.md has no access row for {id}");
            foreach (var component in Deployment.AzureComponents.Where(c => c.Component.Scopes.Contains(id) && s_rolesByType.ContainsKey(c.Component.Type)))
            {
                Assert.Contains(component.Component.Name, row, StringComparison.Ordinal);
            }
        }
    }
}
