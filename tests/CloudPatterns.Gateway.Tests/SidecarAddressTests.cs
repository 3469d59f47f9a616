namespace CloudPatterns.Gateway.Tests;

/// <summary>Where the gateway finds its sidecar: where it is told, else the port `dapr run` and Container Apps give it, else Dapr's default.</summary>
public sealed class SidecarAddressTests
{
    [Theory]
    [InlineData(null, null, "http://127.0.0.1:3500/")]
    [InlineData(null, "3512", "http://127.0.0.1:3512/")]
    [InlineData("http://sidecar.internal:3600/", "3512", "http://sidecar.internal:3600/")]
    [InlineData("", "3512", "http://127.0.0.1:3512/")]
    public void TheRouteTablesClusterPointsAtTheSidecar(string? configured, string? daprHttpPort, string expected)
    {
        var configuration = new ConfigurationManager();
        configuration["Gateway:SidecarAddress"] = configured;
        configuration["DAPR_HTTP_PORT"] = daprHttpPort;

        configuration.PointClusterAtSidecar();

        Assert.Equal(expected, configuration[$"ReverseProxy:Clusters:{DaprRoutes.SidecarCluster}:Destinations:sidecar:Address"]);
        Assert.Equal(new Uri(expected), SidecarAddress.Of(configuration));
    }

    [Fact]
    public void BeforeTheClusterIsPointedAnywhereTheSidecarIsDaprsDefault()
    {
        Assert.Equal(new Uri("http://127.0.0.1:3500/"), SidecarAddress.Of(new ConfigurationManager()));
    }
}
