using CloudPatterns.Contracts.Events;
using CloudPatterns.ServiceDefaults.Events;

namespace CloudPatterns.NotificationService.IntegrationEvents;

/// <summary>Event-driven only: everything this service does starts with one of these topics.</summary>
public static class NotificationSubscriptions
{
    public static IServiceCollection AddNotificationHandlers(this IServiceCollection services) =>
        services
            .AddScoped<NotifyOnOrderConfirmed>()
            .AddScoped<NotifyOnOrderRejected>()
            .AddScoped<NotifyOnOrderCancelled>()
            .AddScoped<NotifyOnInventoryInsufficient>()
            .AddScoped<NotifyOnPaymentFailed>()
            .AddScoped<NotifyOnShipmentDispatched>();

    public static IEndpointRouteBuilder MapNotificationSubscriptions(this IEndpointRouteBuilder app)
    {
        app.MapSubscription<OrderConfirmed, NotifyOnOrderConfirmed>();
        app.MapSubscription<OrderRejected, NotifyOnOrderRejected>();
        app.MapSubscription<OrderCancelled, NotifyOnOrderCancelled>();
        app.MapSubscription<InventoryInsufficient, NotifyOnInventoryInsufficient>();
        app.MapSubscription<PaymentFailed, NotifyOnPaymentFailed>();
        app.MapSubscription<ShipmentDispatched, NotifyOnShipmentDispatched>();
        return app;
    }
}
