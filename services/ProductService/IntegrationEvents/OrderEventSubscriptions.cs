using CloudPatterns.Contracts.Events;
using CloudPatterns.ServiceDefaults.Events;

namespace CloudPatterns.ProductService.IntegrationEvents;

public static class OrderEventSubscriptions
{
    public static IServiceCollection AddOrderEventHandlers(this IServiceCollection services) =>
        services
            .AddScoped<ReserveStockOnOrderCreated>()
            .AddScoped<CommitStockOnOrderConfirmed>()
            .AddScoped<ReleaseStockOnOrderRejected>()
            .AddScoped<ReleaseStockOnOrderCancelled>();

    public static IEndpointRouteBuilder MapOrderEventSubscriptions(this IEndpointRouteBuilder app)
    {
        app.MapSubscription<OrderCreated, ReserveStockOnOrderCreated>();
        app.MapSubscription<OrderConfirmed, CommitStockOnOrderConfirmed>();
        app.MapSubscription<OrderRejected, ReleaseStockOnOrderRejected>();
        app.MapSubscription<OrderCancelled, ReleaseStockOnOrderCancelled>();
        return app;
    }
}
