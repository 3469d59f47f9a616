namespace CloudPatterns.Gateway;

public static class GatewayRegistration
{
    public const string CorsPolicy = "frontend";

    public static IHostApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        var services = builder.Services;
        services.AddValidation();
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CanaryReleases>().BindConfiguration(CanaryReleases.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CanaryRouter>();

        builder.Configuration.PointClusterAtSidecar();
        services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddTransforms<DaprForwardingTransforms>()
            .AddTransforms<RateLimitRoutes>();

        services.AddSiteRoutes();
        services.AddGatewayRateLimiting();
        services.AddCors(options => options.AddPolicy(CorsPolicy, policy =>
        {
            var origins = builder.Configuration.GetSection($"{GatewayOptions.Section}:AllowedOrigins").Get<string[]>() ?? [];
            policy.WithOrigins(origins)
                .WithMethods("GET", "POST", "PUT", "DELETE")
                .WithHeaders("Authorization", "Content-Type", "Idempotency-Key", "If-Match", CanaryRouter.Header)
                .WithExposedHeaders("Location", "ETag", "Retry-After", SecurityHeaders.TraceIdHeader, CanaryRouter.Header);
        }));
        services.AddTrustedProxyNetworks();
        services.AddPublicApiDocument(builder.Configuration);
        return builder;
    }

    /// <summary>The gateway's own pipeline, in order: hardening first, then who the caller is, how much they may, what they may.</summary>
    public static WebApplication UseGateway(this WebApplication app)
    {
        app.UseTrustedProxyNetworks();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UsePathGuard();
        app.UseRouting();
        app.UseRequestSizeLimit();
        app.UseCors(CorsPolicy);
        app.UseAuthentication();
        app.UseGatewayRateLimiting();
        app.UseAuthorization();

        app.MapReverseProxy().ConfigureEndpoints(SiteRoutes.KeepTheSitesPolicy);
        app.MapOpenApi().AllowAnonymous();
        app.MapApiReference();
        app.MapDevelopmentTokenEndpoint();
        app.MapCanaryApi();
        app.MapHealthEndpoints();
        return app;
    }
}
