namespace CloudPatterns.Hosting.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>Meters and activity sources of this system start with this prefix.</summary>
    public const string Prefix = "CloudPatterns";

    /// <summary>
    /// Traces, metrics and logs through OpenTelemetry, when OTEL_EXPORTER_OTLP_ENDPOINT says where they go (the Dapr
    /// dashboard, Aspire dashboard, or the Container Apps environment's OpenTelemetry agent, which sets it). Without
    /// it nothing would leave the process, so nothing is registered: no listener makes every request build and tag
    /// an activity and count metrics for no one (measured in docs/performance.md). ASP.NET Core still starts an
    /// activity per request, so trace ids (x-trace-id) and traceparent propagation stay.
    /// </summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            AddOpenTelemetry(builder);
        }

        return builder;
    }

    /// <summary>In its own method, so that without an endpoint not even the OpenTelemetry assemblies load (compiling a method loads what it calls).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddOpenTelemetry(IHostApplicationBuilder builder)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var otel = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter($"{Prefix}.*"))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, $"{Prefix}.*")
                .AddAspNetCoreInstrumentation(options =>
                    options.Filter = context => !context.Request.Path.StartsWithSegments("/health")
                                                && !context.Request.Path.StartsWithSegments("/alive"))
                .AddHttpClientInstrumentation());

        otel.UseOtlpExporter();
    }
}
