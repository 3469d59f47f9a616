namespace CloudPatterns.PaymentProviderSimulator;

public static class SimulatorRegistration
{
    public static IHostApplicationBuilder AddPaymentProviderSimulator(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<CardVault>();
        builder.Services.AddSingleton<ProviderLedger>();
        builder.Services.AddSingleton<SimulatorSettings>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
        return builder;
    }

    /// <summary>The provider's API and the probes every container app gets (infra/bicep/modules/container-app.bicep).</summary>
    public static WebApplication UsePaymentProviderSimulator(this WebApplication app)
    {
        app.MapPaymentProviderApi();
        app.MapGet("/alive", () => Results.Ok("alive"));
        app.MapGet("/health", () => Results.Ok("healthy"));
        return app;
    }
}
