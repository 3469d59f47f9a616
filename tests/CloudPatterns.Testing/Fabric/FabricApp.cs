namespace CloudPatterns.Testing.Fabric;

/// <summary>An app joined to the fabric: how its sidecar reaches it, and its services (for actors and workflows).</summary>
public sealed class FabricApp(string appId, HttpMessageHandler handler, IServiceProvider services, Func<string?> appToken)
{
    public string AppId { get; } = appId;

    public IServiceProvider Services { get; } = services;

    /// <summary>
    /// A client that talks to the app the way its sidecar does: straight to the app's port, carrying the
    /// app token when the fabric uses one.
    /// </summary>
    public HttpClient CreateSidecarClient() =>
        new(new SidecarHandler(appToken) { InnerHandler = handler }, disposeHandler: false) { BaseAddress = new Uri($"http://{AppId}/") };

    private sealed class SidecarHandler(Func<string?> appToken) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Remove("dapr-api-token");
            if (appToken() is { } token)
            {
                request.Headers.TryAddWithoutValidation("dapr-api-token", token);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
