namespace CloudPatterns.Sidecar;

/// <summary>
/// The largest gRPC message the app's DaprClient sends to or accepts from its sidecar. Grpc.Net.Client accepts
/// 4 MiB by default, which would refuse an image original read through a binding; the sidecar's own limit
/// (--max-body-size, maxBodySize in dapr.yaml) is the one that decides, per app.
/// </summary>
public sealed class DaprClientLimits
{
    public const string Section = "Dapr";

    [Range(4 * 1024 * 1024, 256 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 16 * 1024 * 1024;
}
