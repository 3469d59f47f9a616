namespace CloudPatterns.Configuration.Tests;

/// <summary>
/// The cloud sets against the local one: switching sets changes component YAML only, so every set must offer the
/// same names, to the same apps, with the same runtime behaviour, and take what differs per deployment from the
/// environment.
/// </summary>
public sealed partial class ComponentSetTests
{
    /// <summary>Metadata daprd itself reads from a component: what an app sees must not change with the set.</summary>
    private static readonly string[] s_runtimeMetadata =
        ["actorStateStore", "keyPrefix", "outboxPublishPubsub", "outboxPublishTopic", "outboxPubsub", "outboxDiscardWhenMissingState"];

    /// <summary>Metadata that names someone's resource, account or identity: it differs per deployment.</summary>
    private static readonly string[] s_deploymentValues =
    [
        "url", "database", "namespaceName", "vaultName", "accountName", "connectionString", "azureClientId", "azureTenantId",
        "region", "endpoint", "table", "bucket", "accountId", "fromNumber", "brokers", "saslUsername", "vaultAddr", "vaultTokenMountPath",
    ];

    /// <summary>Credentials that must never be written in a component (keys, passwords and connection strings).</summary>
    private static readonly string[] s_credentials =
    [
        "masterKey", "accountKey", "azureClientSecret", "azureCertificate", "azureCertificateFile", "azureCertificatePassword",
        "accessKey", "secretKey", "sessionToken", "awsAccessKey", "awsSecretKey", "awsSessionToken", "redisPassword", "vaultToken",
    ];

    private readonly RunFile _runFile = RunFile.Load();

    private readonly ComponentRegistry _local = Resources.Set(Resources.Local);

    [Theory]
    [MemberData(nameof(Resources.CloudEnvironments), MemberType = typeof(Resources))]
    public void EverySetDefinesTheLocalComponentsOfTheSameKindForTheSameApps(string environment)
    {
        var set = Resources.Set(environment);
        Assert.Equal(_local.Components.Select(c => c.Name).Order(StringComparer.Ordinal), set.Components.Select(c => c.Name).Order(StringComparer.Ordinal));
        foreach (var local in _local.Components)
        {
            Assert.True(set.TryGet(local.Name, out var component));
            Assert.True(Kind(component.Type) == Kind(local.Type), $"components/{environment}: {local.Name} is {component.Type}, locally {local.Type}");
            Assert.True(component.Scopes.Order(StringComparer.Ordinal).SequenceEqual(local.Scopes.Order(StringComparer.Ordinal)),
                $"components/{environment}: {local.Name} is scoped to {string.Join(", ", component.Scopes)}, locally to {string.Join(", ", local.Scopes)}");
        }
    }

    [Theory]
    [MemberData(nameof(Resources.CloudEnvironments), MemberType = typeof(Resources))]
    public void EverySetCarriesTheRuntimeMetadataOfTheLocalOne(string environment)
    {
        var set = Resources.Set(environment);
        foreach (var local in _local.Components)
        {
            Assert.True(set.TryGet(local.Name, out var component));
            foreach (var name in s_runtimeMetadata)
            {
                Assert.True(local.MetadataValue(name) == component.MetadataValue(name),
                    $"components/{environment}: {local.Name} sets {name} to {component.MetadataValue(name) ?? "nothing"}, locally {local.MetadataValue(name) ?? "nothing"}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Resources.Environments), MemberType = typeof(Resources))]
    public void EveryAppThatDefinesActorsOrWorkflowsHasExactlyOneActorStateStore(string environment)
    {
        var set = Resources.Set(environment);
        var hosts = _runFile.AppIds.Where(app => AppCode.For(_runFile, app).DefinesActorsOrWorkflows()).ToList();

        Assert.NotEmpty(hosts);
        foreach (var app in hosts)
        {
            var stores = set.ScopedTo(app).Where(c => c.IsActorStateStore).Select(c => c.Name).ToList();
            Assert.True(stores.Count == 1, $"components/{environment}: {app} defines actors or workflows and has {stores.Count} actor state stores ({string.Join(", ", stores)})");
        }
    }

    [Theory]
    [MemberData(nameof(Resources.DeploymentFolders), MemberType = typeof(Resources))]
    public void EveryValueThatNamesADeploymentsResourceComesFromTheEnvironmentOrASecretStore(string folder)
    {
        foreach (var (resource, file) in Resources.Components(folder))
        {
            foreach (var item in Metadata(resource).Where(i => s_deploymentValues.Contains(i.Text("name"))))
            {
                Assert.True(item["value"] is null, $"{file}: {item.Text("name")} names a deployment's resource; read it with envRef (or secretKeyRef)");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Resources.ComponentFolders), MemberType = typeof(Resources))]
    public void NoComponentCarriesACredentialInAnyForm(string folder)
    {
        // Not even by reference: cloud services are reached with the environment's identity, not with keys.
        foreach (var (resource, file) in Resources.Components(folder))
        {
            var credentials = Metadata(resource).Select(i => i.Text("name")).Where(s_credentials.Contains).ToList();
            Assert.True(credentials.Count == 0, $"{file}: sets {string.Join(", ", credentials)}; use the managed identity or the IAM role instead");
        }
    }

    [Fact]
    public void EveryAzureServiceIsReachedWithTheManagedIdentity()
    {
        foreach (var (resource, file) in Resources.Components("azure"))
        {
            var type = resource.Text("spec.type")!;
            var entraId = MetadataValue(resource, "useAzureAD") == "true";
            if (!type.Contains(".azure.", StringComparison.Ordinal) && !entraId)
            {
                Assert.StartsWith("bindings.twilio.", type, StringComparison.Ordinal);
                continue;
            }

            var clientId = Metadata(resource).SingleOrDefault(i => i.Text("name") == "azureClientId");
            Assert.True(clientId.Text("envRef") == "CLOUDPATTERNS_AZURE_CLIENT_ID", $"{file}: read azureClientId from CLOUDPATTERNS_AZURE_CLIENT_ID");
            Assert.True(entraId || Metadata(resource).All(i => i.Text("name") != "connectionString"), $"{file}: a connection string carries a key; use the managed identity");
        }
    }

    [Theory]
    [MemberData(nameof(Resources.ComponentFolders), MemberType = typeof(Resources))]
    public void EveryEnvironmentVariableIsOneDaprdWillRead(string folder)
    {
        // daprd ignores envRef names starting with DAPR_ and APP_API_TOKEN (dapr/dapr v1.18.3
        // pkg/runtime/processor/secret/secret.go, isEnvVarAllowed); scripts/run reads them with a plain pattern.
        foreach (var (resource, file) in Resources.Components(folder))
        {
            foreach (var name in Metadata(resource).Select(i => i.Text("envRef")).OfType<string>())
            {
                Assert.Matches(EnvironmentVariableName(), name);
                Assert.False(name.StartsWith("DAPR_", StringComparison.Ordinal) || name == "APP_API_TOKEN", $"{file}: daprd will not read {name}");
            }
        }
    }

    [Fact]
    public void EachDynamoDbTableIsNamedByAVariableOfItsStore()
    {
        // scripts/run and scripts/aws-provision derive the table name from the variable's name.
        foreach (var (resource, file) in Resources.Components("aws").Where(c => c.Resource.Text("spec.type") == "state.aws.dynamodb"))
        {
            var expected = "CLOUDPATTERNS_TABLE_" + resource.Text("metadata.name")!.ToUpperInvariant().Replace('-', '_');
            var table = Metadata(resource).Single(i => i.Text("name") == "table");
            Assert.True(table.Text("envRef") == expected, $"{file}: read table from {expected}");
        }
    }

    private static string Kind(string type) => type.Split('.')[0];

    private static IEnumerable<JsonNode> Metadata(JsonObject component) =>
        (component["spec"]!["metadata"]?.AsArray() ?? []).OfType<JsonNode>();

    private static string? MetadataValue(JsonObject component, string name) =>
        Metadata(component).FirstOrDefault(i => i.Text("name") == name)?.Text("value");

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$")]
    private static partial Regex EnvironmentVariableName();
}
