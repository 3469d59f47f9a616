namespace CloudPatterns.ShippingService;

public static class ShippingServiceRegistration
{
    public static IHostApplicationBuilder AddShippingService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDefaults().AddServiceApiDocument();
        var services = builder.Services;
        services.AddOptions<ShippingRates>().BindConfiguration(ShippingRates.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RateCalculator>();
        services.AddSingleton<ShipmentStore>();
        services.AddSingleton<ShipmentPlanner>();
        services.AddSubscription<OrderConfirmed, DispatchOnOrderConfirmed>();
        services.AddSubscription<OrderCancelled, CancelOnOrderCancelled>();
        return builder;
    }

    /// <summary>The shared pipeline and this app's endpoints.</summary>
    public static WebApplication UseShippingService(this WebApplication app)
    {
        app.UseServiceDefaults().MapServiceApiDocument();
        app.MapQuotesApi();
        app.MapShipmentsApi();
        return app;
    }
}
