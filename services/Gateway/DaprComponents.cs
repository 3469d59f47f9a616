namespace CloudPatterns.Gateway;

/// <summary>The Dapr components this app uses. Each must exist and be scoped to gateway (checked by the configuration tests).</summary>
public static class DaprComponents
{
    /// <summary>The local token signing key (Authentication:SigningKeySecret).</summary>
    public const string SecretStore = "secretstore";

    /// <summary>Rate-limit windows shared by every gateway replica.</summary>
    public const string GatewayStore = "gateway-store";
}
