namespace CloudPatterns.PaymentService;

public static class PaymentServiceRegistration
{
    public static IHostApplicationBuilder AddPaymentService(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidation();
        services.AddPaymentProviderClient();
        services.AddSingleton<PaymentStore>();
        services.AddScoped<PaymentProcessor>();
        services.AddScoped<RefundProcessor>();
        return builder;
    }
}
