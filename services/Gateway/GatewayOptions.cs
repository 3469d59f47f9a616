using System.ComponentModel.DataAnnotations;

namespace CloudPatterns.Gateway;

public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>The local sidecar's HTTP endpoint; defaults to http://127.0.0.1:{DAPR_HTTP_PORT}.</summary>
    public Uri? SidecarAddress { get; set; }

    /// <summary>Largest request body accepted, in bytes (413 above it).</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Browser origins allowed to call the API (CORS). Empty: no cross-origin calls.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Take the client address from X-Forwarded-For (behind Container Apps ingress); off when the gateway faces clients directly.</summary>
    public bool TrustForwardedHeaders { get; set; }
}
