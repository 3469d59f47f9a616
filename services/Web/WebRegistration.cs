namespace CloudPatterns.Web;

public static class WebRegistration
{
    /// <summary>
    /// The site's services: Razor components rendered on the server (static SSR: no circuits, no WebAssembly), the
    /// public API as a typed HttpClient, sign-in, and the cart cookie. Not the services' defaults: the site is no
    /// Dapr client (it calls only the gateway) and answers people with pages, not problem documents.
    /// </summary>
    public static WebApplicationBuilder AddWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddTelemetry();
        services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [HostingDefaults.LiveTag]);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<WebOptions>().BindConfiguration(WebOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // Links and redirects must name the address the browser used (the gateway's), not this app's own. The gateway
        // sends it in X-Forwarded-Host/-Proto; any sender is believed because nothing but the gateway reaches the site
        // (with APP_API_TOKEN it answers its own sidecar only, and its container has no ingress of its own in Azure).
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedProto;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
        });
        services.AddRazorComponents();
        services.AddSidecarAuthentication(builder.Configuration);
        services.AddSiteAuthentication(builder.Configuration);

        services.AddTransient<AccessTokenHandler>();
        services.AddHttpClient<PublicApi>((provider, http) =>
            {
                var apiBase = provider.GetRequiredService<IOptions<WebOptions>>().Value.ApiBaseUrl.ToString();
                http.BaseAddress = new Uri(apiBase.EndsWith('/') ? apiBase : apiBase + "/");
                http.Timeout = TimeSpan.FromSeconds(15);
            })
            .AddHttpMessageHandler<AccessTokenHandler>();
        services.AddHttpClient<PaymentSimulator>(http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddScoped<DevelopmentSignIn>();
        services.AddScoped<CartCookie>();
        return builder;
    }

    /// <summary>The pipeline: headers first, then who is calling (the sidecar's token, the user's cookie), then the pages.</summary>
    public static WebApplication UseWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSiteSecurityHeaders();
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = files => files.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        app.UseRouting();
        app.UseSidecarAuthentication();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapRazorComponents<App>();
        app.MapOrderProgressFragment();
        app.MapSignInEndpoints();
        // The probes' paths, as every app has them; the site reads no secrets, so it takes no ServiceDefaults.
        app.MapHealthChecks("/health").AllowWithoutSidecarToken();
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = check => check.Tags.Contains(HostingDefaults.LiveTag) }).AllowWithoutSidecarToken();
        return app;
    }
}
