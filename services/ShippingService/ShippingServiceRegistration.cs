namespace CloudPatterns.ShippingService;

public static class ShippingServiceRegistration
{
    public static IHostApplicationBuilder AddShippingService(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ShippingRates>().BindConfiguration(ShippingRates.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RateCalculator>();
        services.AddSingleton<ShipmentStore>();
        services.AddSingleton<ShipmentPlanner>();
        services.AddSubscription<OrderConfirmed, DispatchOnOrderConfirmed>();
        services.AddSubscription<OrderCancelled, CancelOnOrderCancelled>();
        return builder;
    }
}
