namespace CloudPatterns.Gateway.Routing;

/// <summary>Route metadata the gateway reads from the YARP route table (ReverseProxy:Routes in configuration).</summary>
public static class DaprRoutes
{
    /// <summary>The app id a route forwards to, through the local sidecar's service invocation.</summary>
    public const string AppIdMetadata = "DaprAppId";

    /// <summary>
    /// Route metadata "Pages": "true" marks a route to an app that serves a web site (the storefront) rather than API: its
    /// pages keep the Content-Security-Policy the site sets, its paths keep no /api prefix, and the API document leaves it out.
    /// </summary>
    public const string PagesMetadata = "Pages";

    /// <summary>Every public route starts with it; routes remove it before forwarding (PathRemovePrefix).</summary>
    public const string PublicPrefix = "/api";

    /// <summary>The one cluster: the gateway's own sidecar.</summary>
    public const string SidecarCluster = "dapr-sidecar";

    /// <summary>Dapr's invocation header: the sidecar forwards the request to this app.</summary>
    public const string AppIdHeader = "dapr-app-id";

    /// <summary>The sidecar's API token (DAPR_API_TOKEN), sent on every call the gateway makes through its sidecar.</summary>
    public const string ApiTokenHeader = "dapr-api-token";

    public static bool ServesPages(RouteConfig? route) =>
        route?.Metadata?.GetValueOrDefault(PagesMetadata) is { } pages && bool.TryParse(pages, out var value) && value;

    /// <summary>Headers only sidecars may set. A client that sends them is ignored: they are removed before forwarding.</summary>
    public static readonly string[] SidecarHeaders = [AppIdHeader, "dapr-caller-app-id", "dapr-callee-app-id", ApiTokenHeader, "dapr-caller-namespace"];
}
