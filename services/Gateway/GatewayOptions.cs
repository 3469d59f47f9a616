namespace CloudPatterns.Gateway;

public sealed class GatewayOptions : IValidatableObject
{
    public const string Section = "Gateway";

    /// <summary>The local sidecar's HTTP endpoint; defaults to http://127.0.0.1:{DAPR_HTTP_PORT}.</summary>
    public Uri? SidecarAddress { get; set; }

    /// <summary>Largest request body accepted, in bytes (413 above it).</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Browser origins allowed to call the API (CORS). Empty: no cross-origin calls.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>
    /// Networks (CIDR, or single addresses) of the proxies in front of the gateway: on Container Apps the network its
    /// ingress connects from (docs/architecture.md, "Client addresses"). X-Forwarded-For is believed only from these,
    /// hop by hop. Empty (the default, right for `dapr run`): the client address is the connection's.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>
    /// Opt-in for POST /dev/token, for `dapr run` only: also needs the Development environment and Authentication:Mode
    /// Local, and stops the gateway at start-up on a cloud host (see <see cref="DevelopmentTokenGuard"/>).
    /// </summary>
    public bool DevelopmentTokens { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        TrustedProxies.Where(p => !TrustedProxyNetworks.TryParse(p, out _))
            .Select(p => new ValidationResult($"'{p}' is not a network (CIDR such as 10.0.0.0/16) or an address.", [nameof(TrustedProxies)]));
}
