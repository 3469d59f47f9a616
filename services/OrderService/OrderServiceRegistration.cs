using CloudPatterns.Contracts;
using CloudPatterns.Contracts.Events;
using CloudPatterns.OrderService.Clients;
using CloudPatterns.OrderService.DeadLetters;
using CloudPatterns.OrderService.Intake;
using CloudPatterns.OrderService.Operations;
using CloudPatterns.OrderService.IntegrationEvents;
using CloudPatterns.OrderService.Orders;
using CloudPatterns.OrderService.Queries;
using CloudPatterns.ServiceDefaults.Events;
using CloudPatterns.ServiceDefaults.Invocation;
using CloudPatterns.Workflows.OrderProcessing.Ports;
using Dapr.Workflow;

namespace CloudPatterns.OrderService;

public static class OrderServiceRegistration
{
    public static IHostApplicationBuilder AddOrderService(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidation();
        services.AddOptions<OrderProcessingOptions>().BindConfiguration(OrderProcessingOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<OrderStore>();
        services.AddSingleton<OrderIntake>();
        services.AddSingleton<OrderCancellation>();
        services.AddSingleton<OrderWorkflowStarter>();
        services.AddSingleton<QueryStore>();
        services.AddSingleton<OrderProjector>();
        services.AddSingleton<DeadLetterStore>();
        services.AddSubscription<OrderSubmitted, StartOrderWorkflow>();
        services.AddSubscription<InventoryReserved, ForwardInventoryOutcome>();
        services.AddSubscription<InventoryInsufficient, ForwardInventoryOutcome>();
        services.AddSubscription<OrderProgressed, ProjectOrderEvent<OrderProgressed>>();
        services.AddSubscription<OrderCreated, ProjectOrderEvent<OrderCreated>>();
        services.AddSubscription<OrderConfirmed, ProjectOrderEvent<OrderConfirmed>>();
        services.AddSubscription<OrderRejected, ProjectOrderEvent<OrderRejected>>();
        services.AddSubscription<OrderCancelled, ProjectOrderEvent<OrderCancelled>>();
        services.AddSubscription<PaymentCompleted, ProjectOrderEvent<PaymentCompleted>>();
        services.AddSubscription<PaymentFailed, ProjectOrderEvent<PaymentFailed>>();
        services.AddSubscription<PaymentRefunded, ProjectOrderEvent<PaymentRefunded>>();
        services.AddSubscription<ShipmentDispatched, RecordShipment>();

        // The order workflow and its activities (registered by Dapr.Workflow's source generator) and what they need.
        services.AddDaprWorkflow(_ => { });
        services.AddSingleton<IDaprWorkflowClient>(sp => sp.GetRequiredService<DaprWorkflowClient>());
        services.AddSingleton<IOrderLedger, OrderLedger>();
        services.AddSingleton<ICustomerCheck, ConfiguredCustomerCheck>();
        services.AddDaprInvocationClient<ProductServiceClient>(AppIds.ProductService);
        services.AddDaprInvocationClient<PaymentServiceClient>(AppIds.PaymentService);
        services.AddTransient<IProductCatalog>(sp => sp.GetRequiredService<ProductServiceClient>());
        services.AddTransient<IInventoryReservations>(sp => sp.GetRequiredService<ProductServiceClient>());
        services.AddTransient<IPaymentGateway>(sp => sp.GetRequiredService<PaymentServiceClient>());
        return builder;
    }
}
