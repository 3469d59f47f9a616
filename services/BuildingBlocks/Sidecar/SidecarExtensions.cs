using CloudPatterns.Hosting.Json;
using CloudPatterns.Sidecar.Events;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CloudPatterns.Sidecar;

public static class SidecarExtensions
{
    /// <summary>
    /// What an app needs to reach its sidecar: the Dapr client (with the JSON every hop shares and the message
    /// limits of <see cref="DaprClientLimits"/>), event publishing and delivery, the sidecar's readiness check, and
    /// 503 answers for the sidecar's failures. Add it before the catch-all problem handler, so it answers first.
    /// </summary>
    public static IServiceCollection AddSidecar(this IServiceCollection services)
    {
        services.AddOptions<DaprClientLimits>().BindConfiguration(DaprClientLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddDaprClient((sp, client) =>
        {
            var limit = sp.GetRequiredService<IOptions<DaprClientLimits>>().Value.MaxMessageBytes;
            client.UseJsonSerializationOptions(JsonDefaults.Options)
                .UseGrpcChannelOptions(new GrpcChannelOptions { MaxReceiveMessageSize = limit, MaxSendMessageSize = limit, ThrowOperationCanceledOnCancellation = true });
        });
        services.AddHealthChecks().AddCheck<DaprSidecarHealthCheck>("dapr-sidecar");
        services.AddExceptionHandler<SidecarFailureHandler>();
        services.AddSingleton<EventPublisher>();
        services.AddSingleton<EventDelivery>();
        return services;
    }
}
