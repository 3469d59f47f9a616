namespace CloudPatterns.AnalyticsService;

public static class AnalyticsServiceRegistration
{
    public static IHostApplicationBuilder AddAnalyticsService(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<AnalyticsMetrics>();
        services.AddSingleton<SummaryStore>();
        services.AddScoped<AnalyticsRecorder>();
        return builder;
    }
}
