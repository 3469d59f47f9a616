namespace CloudPatterns.Security;

/// <summary>Endpoint metadata: this endpoint answers without the sidecar's app token (health probes only).</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class SidecarTokenNotRequiredAttribute : Attribute;
