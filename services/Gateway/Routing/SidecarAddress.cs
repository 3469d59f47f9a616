namespace CloudPatterns.Gateway.Routing;

public static class SidecarAddress
{
    /// <summary>
    /// Points the route table's one cluster at the local sidecar: configured, or the port `dapr run` and
    /// Container Apps give the app in DAPR_HTTP_PORT (3500 by default).
    /// </summary>
    public static void PointClusterAtSidecar(this IConfigurationManager configuration)
    {
        var address = configuration[$"{GatewayOptions.Section}:SidecarAddress"] is { Length: > 0 } configured
            ? configured
            : $"http://127.0.0.1:{configuration["DAPR_HTTP_PORT"] ?? "3500"}/";
        configuration[ClusterAddressKey] = address;
    }

    /// <summary>The sidecar the route table's cluster points at (after <see cref="PointClusterAtSidecar"/>).</summary>
    public static Uri Of(IConfiguration configuration) => new(configuration[ClusterAddressKey] ?? "http://127.0.0.1:3500/");

    private const string ClusterAddressKey = $"ReverseProxy:Clusters:{DaprRoutes.SidecarCluster}:Destinations:sidecar:Address";
}
