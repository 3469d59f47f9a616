using CloudPatterns.ServiceDefaults.Events;
using CloudPatterns.ServiceDefaults.Health;
using CloudPatterns.ServiceDefaults.Http;
using CloudPatterns.ServiceDefaults.Json;
using CloudPatterns.ServiceDefaults.Problems;
using CloudPatterns.ServiceDefaults.Security;
using CloudPatterns.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Grpc.Net.Client;

namespace CloudPatterns.ServiceDefaults;

/// <summary>What every CloudPatterns service shares: telemetry, health, Dapr, problem details, JSON, sidecar auth.</summary>
public static class ServiceDefaultsExtensions
{
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.AddTelemetry();

        var services = builder.Services;
        services.AddHealthChecks().AddDefaultHealthChecks();
        services.ConfigureHttpJsonOptions(options => JsonDefaults.Apply(options.SerializerOptions));
        services.AddOptions<DaprClientLimits>().BindConfiguration(DaprClientLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddDaprClient((sp, client) =>
        {
            var limit = sp.GetRequiredService<IOptions<DaprClientLimits>>().Value.MaxMessageBytes;
            client.UseJsonSerializationOptions(JsonDefaults.Options)
                .UseGrpcChannelOptions(new GrpcChannelOptions { MaxReceiveMessageSize = limit, MaxSendMessageSize = limit, ThrowOperationCanceledOnCancellation = true });
        });
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

        services.AddUserAuthentication(builder.Configuration);
        services.AddSidecarAuthentication(builder.Configuration);
        services.AddUserAuthorization(builder.Configuration);

        services.AddSingleton<EventPublisher>();
        services.AddSingleton<EventDelivery>();
        return builder;
    }

    /// <summary>The shared middleware, health endpoints and Dapr's subscription discovery endpoint.</summary>
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
        app.MapSubscribeHandler();
        return app;
    }
}
