namespace CloudPatterns.Sidecar.Invocation;

public static class InvocationClientExtensions
{
    /// <summary>
    /// A typed HttpClient for another app, called by app id through the local sidecar (Dapr service
    /// invocation): http://{appId}/path becomes the sidecar's /v1.0/invoke/{appId}/method/path, so mTLS,
    /// resiliency policies and tracing apply. Dapr's own InvocationHandler does the rewriting.
    /// </summary>
    public static IHttpClientBuilder AddDaprInvocationClient<TClient>(this IServiceCollection services, string appId, TimeSpan? timeout = null)
        where TClient : class
    {
        var builder = services
            .AddHttpClient<TClient>(client =>
            {
                client.BaseAddress = new Uri($"http://{appId}");
                client.Timeout = timeout ?? TimeSpan.FromSeconds(30);
            })
            .AddHttpMessageHandler(() => new InvocationHandler());
        services.Configure<DaprInvocationClients>(clients => clients.Names.Add(builder.Name));
        return builder;
    }
}
