namespace CloudPatterns.OrderService;

public static class OrderServiceRegistration
{
    public static IHostApplicationBuilder AddOrderService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDefaults().AddServiceApiDocument();
        var services = builder.Services;
        services.AddValidation();
        services.AddOptions<OrderProcessingOptions>().BindConfiguration(OrderProcessingOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<OrderStore>();
        services.AddSingleton<OrderIntake>();
        services.AddSingleton<OrderCancellation>();
        services.AddSingleton<OrderWorkflowStarter>();
        services.AddSingleton<QueryStore>();
        services.AddSingleton<OrderSummaryUpdater>();
        services.AddSingleton<DeadLetterStore>();
        services.AddSubscription<OrderSubmitted, StartOrderWorkflow>();
        services.AddSubscription<InventoryReserved, ForwardInventoryOutcome>();
        services.AddSubscription<InventoryInsufficient, ForwardInventoryOutcome>();
        services.AddSubscription<OrderProgressed, UpdateOrderSummary<OrderProgressed>>();
        services.AddSubscription<OrderCreated, UpdateOrderSummary<OrderCreated>>();
        services.AddSubscription<OrderConfirmed, UpdateOrderSummary<OrderConfirmed>>();
        services.AddSubscription<OrderRejected, UpdateOrderSummary<OrderRejected>>();
        services.AddSubscription<OrderCancelled, UpdateOrderSummary<OrderCancelled>>();
        services.AddSubscription<PaymentCompleted, UpdateOrderSummary<PaymentCompleted>>();
        services.AddSubscription<PaymentFailed, UpdateOrderSummary<PaymentFailed>>();
        services.AddSubscription<PaymentRefunded, UpdateOrderSummary<PaymentRefunded>>();
        services.AddSubscription<ShipmentDispatched, RecordShipment>();

        // The order workflow and its activities (registered by Dapr.Workflow's source generator) and what they need.
        services.AddDaprWorkflow(_ => { });
        services.StartWhenSidecarAnswers(registration => registration.ImplementationType?.Assembly == typeof(DaprWorkflowClient).Assembly);
        services.AddSingleton<IDaprWorkflowClient>(sp => sp.GetRequiredService<DaprWorkflowClient>());
        services.AddSingleton<IOrderWriteModel, OrderWriteModel>();
        services.AddSingleton<ICustomerCheck, ConfiguredCustomerCheck>();
        services.AddDaprInvocationClient<ProductServiceClient>(AppIds.ProductService);
        services.AddDaprInvocationClient<PaymentServiceClient>(AppIds.PaymentService);
        services.AddTransient<IProductCatalog>(sp => sp.GetRequiredService<ProductServiceClient>());
        services.AddTransient<IInventoryReservations>(sp => sp.GetRequiredService<ProductServiceClient>());
        services.AddTransient<IPaymentGateway>(sp => sp.GetRequiredService<PaymentServiceClient>());
        return builder;
    }

    /// <summary>The shared pipeline and this app's endpoints.</summary>
    public static WebApplication UseOrderService(this WebApplication app)
    {
        app.UseServiceDefaults().MapServiceApiDocument();
        app.MapOrderCommandsApi();
        app.MapOrderQueriesApi();
        app.MapDeadLetterApi();
        app.MapStuckOrdersApi();
        app.MapDeadLetterSubscription();
        return app;
    }
}
