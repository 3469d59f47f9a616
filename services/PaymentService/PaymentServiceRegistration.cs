namespace CloudPatterns.PaymentService;

public static class PaymentServiceRegistration
{
    public static IHostApplicationBuilder AddPaymentService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDefaults().AddServiceApiDocument();
        var services = builder.Services;
        services.AddValidation();
        services.AddPaymentProviderClient();
        services.AddSingleton<PaymentStore>();
        services.AddScoped<PaymentProcessor>();
        services.AddScoped<RefundProcessor>();
        return builder;
    }

    /// <summary>The shared pipeline and this app's endpoints.</summary>
    public static WebApplication UsePaymentService(this WebApplication app)
    {
        app.UseServiceDefaults().MapServiceApiDocument();
        app.MapPaymentsApi();
        return app;
    }
}
