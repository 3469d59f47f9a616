using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CloudPatterns.Hosting.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>Meters and activity sources of this system start with this prefix.</summary>
    public const string Prefix = "CloudPatterns";

    /// <summary>
    /// Traces, metrics and logs through OpenTelemetry. They leave the process only when
    /// OTEL_EXPORTER_OTLP_ENDPOINT is set (the Dapr dashboard, Aspire dashboard, or Azure Monitor's collector).
    /// </summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
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

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }

        return builder;
    }
}
