using CloudPatterns.Contracts.Events;
using CloudPatterns.OrderService.DeadLetters;
using CloudPatterns.ServiceDefaults.Events;

namespace CloudPatterns.OrderService.IntegrationEvents;

public static class OrderEventSubscriptions
{
    public static IServiceCollection AddOrderEventHandlers(this IServiceCollection services) =>
        services
            .AddScoped<StartOrderWorkflow>()
            .AddScoped<ForwardInventoryOutcome>()
            .AddScoped<RecordShipment>()
            .AddScoped(typeof(ProjectOrderEvent<>));

    public static IEndpointRouteBuilder MapOrderEventSubscriptions(this IEndpointRouteBuilder app)
    {
        app.MapSubscription<OrderSubmitted, StartOrderWorkflow>();
        app.MapSubscription<InventoryReserved, ForwardInventoryOutcome>();
        app.MapSubscription<InventoryInsufficient, ForwardInventoryOutcome>();
        app.MapSubscription<OrderProgressed, ProjectOrderEvent<OrderProgressed>>();
        app.MapSubscription<OrderCreated, ProjectOrderEvent<OrderCreated>>();
        app.MapSubscription<OrderConfirmed, ProjectOrderEvent<OrderConfirmed>>();
        app.MapSubscription<OrderRejected, ProjectOrderEvent<OrderRejected>>();
        app.MapSubscription<OrderCancelled, ProjectOrderEvent<OrderCancelled>>();
        app.MapSubscription<PaymentCompleted, ProjectOrderEvent<PaymentCompleted>>();
        app.MapSubscription<PaymentFailed, ProjectOrderEvent<PaymentFailed>>();
        app.MapSubscription<PaymentRefunded, ProjectOrderEvent<PaymentRefunded>>();
        app.MapSubscription<ShipmentDispatched, RecordShipment>();
        app.MapDeadLetterSubscription();
        return app;
    }
}
