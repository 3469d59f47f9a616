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
        services.AddSingleton<SidecarHealth>();
        services.AddHealthChecks().AddCheck<DaprSidecarHealthCheck>("dapr-sidecar");
        services.AddExceptionHandler<SidecarFailureHandler>();
        services.AddSingleton<EventPublisher>();
        services.AddSingleton<EventDelivery>();
        return services;
    }

    /// <summary>
    /// Takes the hosted services <paramref name="needsSidecar"/> picks out of the host's start-up and starts them once
    /// the sidecar answers (<see cref="SidecarGatedStart"/>). Call it after the services are registered.
    /// </summary>
    public static IServiceCollection StartWhenSidecarAnswers(this IServiceCollection services, Func<ServiceDescriptor, bool> needsSidecar)
    {
        foreach (var registration in services.Where(d => d.ServiceType == typeof(IHostedService) && !d.IsKeyedService && needsSidecar(d)).ToList())
        {
            services.Remove(registration);
            services.AddSingleton(new DeferredHostedService(registration));
        }

        services.AddHostedService<SidecarGatedStart>();
        return services;
    }
}
