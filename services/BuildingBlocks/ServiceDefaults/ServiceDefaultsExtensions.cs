namespace CloudPatterns.ServiceDefaults;

/// <summary>
/// What every CloudPatterns service takes, composed from the three building blocks that change apart: Hosting
/// (telemetry, health, JSON, problem details), Sidecar (the Dapr client, events, state) and Security (the sidecar's
/// token, users' tokens, policies).
/// </summary>
public static class ServiceDefaultsExtensions
{
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        // Exception handlers answer in the order they are added: the sidecar's 503s before Hosting's catch-all.
        services.AddSidecar();
        builder.AddHostingDefaults();
        // Every failing probe would log an error here; the checks say each change once themselves (SidecarHealth),
        // and /health answers with the reason.
        builder.Logging.AddFilter(typeof(HealthCheckService).Namespace + ".DefaultHealthCheckService", LogLevel.Critical);

        services.AddUserAuthentication(builder.Configuration);
        services.AddSidecarAuthentication(builder.Configuration);
        services.AddUserAuthorization(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// The shared middleware, health endpoints, the app's event subscriptions (<see cref="EventSubscriptions.AddSubscription{TEvent, THandler}"/>)
    /// and Dapr's endpoint that lists them.
    /// </summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseForwardedPrefix();
        app.UseDaprCloudEvents();
        app.UseRouting();
        app.UseSidecarAuthentication();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthEndpoints();
        app.MapSubscriptions();
        app.MapSubscribeHandler();
        return app;
    }
}
