namespace CloudPatterns.PaymentService.Provider;

public static class ProviderResilience
{
    /// <summary>
    /// The provider client: API key, then a Polly pipeline - circuit breaker (opens when half the calls in a
    /// window fail, half-opens after BreakDuration to let one probe through) around a timeout per call, which covers
    /// reading the whole answer (<see cref="BufferedAnswerHandler"/>). No retry
    /// here: the order workflow owns the retries of a charge (one retry budget per path; see docs/decisions.md).
    /// Time comes from the registered TimeProvider, so tests drive the breaker with a fake clock.
    /// </summary>
    public static IServiceCollection AddPaymentProviderClient(this IServiceCollection services)
    {
        services.AddOptions<PaymentProviderOptions>().BindConfiguration(PaymentProviderOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ProviderCircuit>();
        services.AddSingleton<ProviderApiKey>();
        services.AddTransient<ProviderAuthenticationHandler>();

        var provider = services.AddHttpClient<PaymentProviderClient>((sp, client) =>
            {
                client.BaseAddress = sp.GetRequiredService<IOptions<PaymentProviderOptions>>().Value.BaseUrl;
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler<ProviderAuthenticationHandler>();
        provider.AddResilienceHandler("payment-provider", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<PaymentProviderOptions>>().Value;
                pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
                pipeline
                    .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                    {
                        FailureRatio = options.BreakerFailureRatio,
                        MinimumThroughput = options.BreakerMinimumThroughput,
                        SamplingDuration = options.BreakerSamplingDuration,
                        BreakDuration = options.BreakDuration,
                        StateProvider = context.ServiceProvider.GetRequiredService<ProviderCircuit>().StateProvider,
                    })
                    .AddTimeout(options.AttemptTimeout);
            });
        // Inside the pipeline (added after it), so the timeout and the breaker cover the body too.
        provider.AddHttpMessageHandler(() => new BufferedAnswerHandler());
        return services;
    }
}
