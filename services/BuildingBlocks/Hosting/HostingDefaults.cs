namespace CloudPatterns.Hosting;

public static class HostingDefaults
{
    /// <summary>Health checks with this tag answer /alive: the process is responsive.</summary>
    public const string LiveTag = "live";

    /// <summary>
    /// What any web app of the system shares, Dapr or not: telemetry, a liveness check, one set of JSON options,
    /// a clock, and problem details for every refusal (a request that cannot be read is a 400 naming the field).
    /// </summary>
    public static IHostApplicationBuilder AddHostingDefaults(this IHostApplicationBuilder builder)
    {
        builder.AddTelemetry();

        var services = builder.Services;
        services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        services.ConfigureHttpJsonOptions(options => JsonDefaults.Apply(options.SerializerOptions));
        services.TryAddSingleton(TimeProvider.System);

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
            if (context.ProblemDetails is HttpValidationProblemDetails validation)
            {
                ValidationErrorKeys.UseJsonPaths(validation);
            }
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Binding failures (unreadable JSON, a query value of the wrong type) reach the exception handler,
        // which answers 400 naming the field instead of an empty 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }
}
