using System.Text.Json.Nodes;
using CloudPatterns.Testing.Components;

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
}
