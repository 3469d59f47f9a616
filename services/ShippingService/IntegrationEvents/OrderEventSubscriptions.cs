using CloudPatterns.Contracts.Events;
using CloudPatterns.ServiceDefaults.Events;

namespace CloudPatterns.ShippingService.IntegrationEvents;

public static class OrderEventSubscriptions
{
    public static IServiceCollection AddOrderEventHandlers(this IServiceCollection services) =>
        services
            .AddScoped<DispatchOnOrderConfirmed>()
            .AddScoped<CancelOnOrderCancelled>();

    public static IEndpointRouteBuilder MapOrderEventSubscriptions(this IEndpointRouteBuilder app)
    {
        app.MapSubscription<OrderConfirmed, DispatchOnOrderConfirmed>();
        app.MapSubscription<OrderCancelled, CancelOnOrderCancelled>();
        return app;
    }
}
