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
}
