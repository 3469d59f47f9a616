namespace CloudPatterns.Infrastructure.Tests;

/// <summary>
/// A setting the deployment gives an app (apps.json env) must be one the app reads: its appsettings.json shows every
/// setting with its default, so a renamed or removed option is caught here instead of silently ignored in Azure.
/// </summary>
public sealed class SettingsTests
{
    [Fact]
    public void EverySettingTheDeploymentGivesAnAppIsOneItsAppsettingsShows()
    {
        var unknown = new List<string>();
        var checkedSettings = 0;
        foreach (var app in Deployment.Apps)
        {
            var appsettings = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine(app.Text("project")!, "appsettings.json")))!;
            foreach (var (variable, _) in app["env"]?.AsObject() ?? [])
            {
                checkedSettings++;
                JsonNode? node = appsettings;
                foreach (var segment in variable.Split("__"))
                {
                    node = node switch
                    {
                        JsonArray => node, // an element of a list the app reads: the list itself is what appsettings.json shows
                        JsonObject settings => settings.FirstOrDefault(s => string.Equals(s.Key, segment, StringComparison.OrdinalIgnoreCase)).Value,
                        _ => null,
                    };
                }

                if (node is null)
                {
                    unknown.Add($"{app.Text("id")}: {variable}");
                }
            }
        }

        Assert.Empty(unknown);
        Assert.True(checkedSettings > 0, "apps.json gives no app a setting: nothing was checked");
    }

    [Fact]
    public void BehindTheContainerAppsIngressTheGatewayBelievesForwardedAddressesOnlyFromPrivateNetworks()
    {
        var proxies = Deployment.App("gateway")["env"]!.AsObject()
            .Where(e => e.Key.StartsWith("Gateway__TrustedProxies__", StringComparison.Ordinal))
            .Select(e => System.Net.IPNetwork.Parse(e.Value!.GetValue<string>()))
            .ToList();

        Assert.NotEmpty(proxies);
        Assert.All(proxies, network => Assert.True(
            new[] { "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10" }.Select(System.Net.IPNetwork.Parse)
                .Any(range => range.Contains(network.BaseAddress) && network.PrefixLength >= range.PrefixLength),
            $"{network} is not a private or shared address range: a client there could write its own X-Forwarded-For"));
    }

    [Fact]
    public void InAzureTheWebSiteSignsUsersInWithTheApisRegistrationAndProvesItselfWithItsOwnIdentityNotASecret()
    {
        Bicep.RequireCompiler();
        var web = Bicep.Main.Template!["resources"]!["primary"]!["properties"]!["parameters"]!["appSettings"]!["value"]!["web"]!.GetValue<string>();

        // Only in EntraId mode; Local mode signs in with development tokens and needs none of it.
        Assert.StartsWith("[if(equals(parameters('authenticationMode'), 'EntraId'), ", web, StringComparison.Ordinal);
        Assert.Contains("'AzureAd__ClientCredentials__0__SourceType', 'value', 'SignedAssertionFromManagedIdentity'", web, StringComparison.Ordinal);
        Assert.Contains(
            "'AzureAd__ClientCredentials__0__ManagedIdentityClientId', 'value', filter(reference('identities').outputs.identities.value, lambda('e', equals(lambdaVariables('e').app, 'web')))[0].clientId",
            web, StringComparison.Ordinal);
        Assert.Contains("'Web__ApiScopes__0', 'value', format('api://{0}/access_as_user', parameters('entraApiClientId'))", web, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret", web, StringComparison.OrdinalIgnoreCase);

        // What the person registering the site needs from the deployment (docs/deploy-azure.md, "Entra ID").
        var outputs = Bicep.Main.Template!["outputs"]!.AsObject();
        Assert.StartsWith("[format('{0}/signin-oidc', ", outputs["WEB_SIGN_IN_REDIRECT_URI"]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("[0].principalId]", outputs["WEB_IDENTITY_PRINCIPAL_ID"]!["value"]!.GetValue<string>(), StringComparison.Ordinal);

        // The site reads Web:ApiScopes (appsettings.json shows it, empty: Local mode asks for no scope).
        var appsettings = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("services/Web/appsettings.json")))!;
        Assert.Empty(appsettings["Web"]!["ApiScopes"]!.AsArray());
    }

    /// <summary>
    /// The site's sign-in cookie and its forms' antiforgery tokens are sealed with ASP.NET Data Protection keys, which
    /// live in the replica that made them (the site keeps none anywhere else). A second replica could not open them: a
    /// user would be signed out, or a form refused, whenever a request reached the other one. So the site runs one
    /// replica until its keys are kept somewhere every replica reads.
    /// </summary>
    [Fact]
    public void TheWebSiteRunsOneReplicaWhileItsDataProtectionKeysLiveInTheReplica()
    {
        var web = Deployment.Apps.Single(a => a.Text("id") == "web");
        var keysKept = Directory.EnumerateFiles(RepositoryPaths.Combine("services", "Web"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Any(file => File.ReadAllText(file).Contains("PersistKeysTo", StringComparison.Ordinal));

        Assert.False(keysKept, "the site now keeps its Data Protection keys: it may run more replicas (and this test can go)");
        Assert.Equal(1, web["maxReplicas"]!.GetValue<int>());
    }
}
