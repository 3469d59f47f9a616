namespace CloudPatterns.Gateway.OpenApi;

/// <summary>
/// The public API document at /openapi/v1.json (the route table and the services' documents, merged) and a browsable
/// reference of it at <see cref="ReferencePath"/> (Scalar, its script served by the gateway itself).
/// </summary>
public static class PublicApiDocument
{
    public const string ReferencePath = "/api-docs";

    public static IServiceCollection AddPublicApiDocument(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiDocumentOptions>().BindConfiguration(ApiDocumentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ServiceDocuments>();
        // Through the gateway's own sidecar, like every forwarded call (the route table's one cluster).
        services.AddHttpClient(ServiceDocuments.ClientName, client => client.BaseAddress = SidecarAddress.Of(configuration));
        services.Configure<DaprInvocationClients>(clients => clients.Names.Add(ServiceDocuments.ClientName));
        services.AddOpenApi(options => options.AddDocumentTransformer<ProxyRoutesDocumentTransformer>());
        return services;
    }

    /// <summary>
    /// The reference page may run its own script (the one with this response's nonce) and the bundle the gateway serves,
    /// style itself, and fetch from the gateway only (the document, and the calls a reader tries); nothing else.
    /// </summary>
    public static IEndpointConventionBuilder MapApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(ReferencePath, options => options
                .WithTitle("CloudPatterns public API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .WithNonce())
            .AllowAnonymous()
            .WithContentSecurityPolicy(ReferencePolicy);

    public static string ReferencePolicy(HttpContext context)
    {
        var nonce = context.Items.TryGetValue(ScalarOptions.NonceHttpContextItemKey, out var value) && value is string { Length: > 0 } text ? $" 'nonce-{text}'" : string.Empty;
        return $"default-src 'none'; script-src 'self'{nonce}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }
}
