using IPNetwork = System.Net.IPNetwork;

namespace CloudPatterns.Gateway.Security;

/// <summary>
/// Who the client is, behind proxies: the connection's address, replaced by the X-Forwarded-For entry a proxy
/// added only when the connection comes from Gateway:TrustedProxies - and so on hop by hop, from the right, while
/// each hop is a trusted proxy. Entries a client writes itself sit to the left of its own address and are never
/// reached. Without trusted proxies the middleware does not run at all.
/// </summary>
public static class TrustedProxyNetworks
{
    public static IServiceCollection AddTrustedProxyNetworks(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<GatewayOptions>>((options, gateway) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // No hop limit: each hop is checked against the trusted networks instead (a CDN in front of the ingress is two).
            options.ForwardLimit = null;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in gateway.Value.TrustedProxies)
            {
                options.KnownIPNetworks.Add(Parse(proxy));
            }
        });
        return services;
    }

    public static IApplicationBuilder UseTrustedProxyNetworks(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<GatewayOptions>>().Value.TrustedProxies.Length > 0 ? app.UseForwardedHeaders() : app;

    public static bool TryParse(string text, out IPNetwork network)
    {
        network = default;
        if (IPAddress.TryParse(text, out var address) && !text.Contains('/', StringComparison.Ordinal))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return IPNetwork.TryParse(text, out network);
    }

    private static IPNetwork Parse(string text) => TryParse(text, out var network) ? network : throw new FormatException($"'{text}' is not a network.");
}
