namespace CloudPatterns.AnalyticsService;

public static class AnalyticsServiceRegistration
{
    public static IHostApplicationBuilder AddAnalyticsService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDefaults().AddServiceApiDocument();
        var services = builder.Services;
        services.AddSingleton<AnalyticsMetrics>();
        services.AddSingleton<SummaryStore>();
        services.AddScoped<AnalyticsRecorder>();
        return builder;
    }

    /// <summary>The shared pipeline and this app's endpoints.</summary>
    public static WebApplication UseAnalyticsService(this WebApplication app)
    {
        app.UseServiceDefaults().MapServiceApiDocument();
        app.MapAnalyticsPipeline();
        app.MapSummaryApi();
        return app;
    }
}
