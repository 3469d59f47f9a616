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
    public HttpClient CreateSidecarClient() => CreateSidecarClient((Func<string>?)null, callerAppId: null);

    /// <summary>
    /// As the sidecar delivers a service invocation: with the user's bearer token it forwards (if any) and
    /// the calling app's id in dapr-caller-app-id (if any).
    /// </summary>
    public HttpClient CreateSidecarClient(string? bearerToken, string? callerAppId) =>
        CreateSidecarClient(bearerToken is null ? null : () => bearerToken, callerAppId);

    /// <summary>As above, with a token made for each request (a test that moves the fake clock keeps a valid one).</summary>
    public HttpClient CreateSidecarClient(Func<string>? bearerToken, string? callerAppId)
    {
        var client = new HttpClient(new SidecarHandler(appToken, bearerToken) { InnerHandler = handler }, disposeHandler: false) { BaseAddress = new Uri($"http://{AppId}/") };

        if (callerAppId is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("dapr-caller-app-id", callerAppId);
        }

        return client;
    }

    private sealed class SidecarHandler(Func<string?> appToken, Func<string>? bearerToken = null) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (bearerToken is not null && request.Headers.Authorization is null)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearerToken());
            }

            request.Headers.Remove("dapr-api-token");
            if (appToken() is { } token)
            {
                request.Headers.TryAddWithoutValidation("dapr-api-token", token);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
