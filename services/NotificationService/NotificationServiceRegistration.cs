namespace CloudPatterns.NotificationService;

public static class NotificationServiceRegistration
{
    public static IHostApplicationBuilder AddNotificationService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDefaults().AddServiceApiDocument();
        var services = builder.Services;
        services.AddValidation();
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PreferenceStore>();
        services.AddSingleton<MessageTemplates>();
        services.AddSingleton<NotificationRecordStore>();
        services.AddSingleton<ChannelSender>();
        services.AddScoped<Notifier>();
        services.AddSubscription<OrderConfirmed, CustomerNotifications>();
        services.AddSubscription<OrderRejected, CustomerNotifications>();
        services.AddSubscription<OrderCancelled, CustomerNotifications>();
        services.AddSubscription<InventoryInsufficient, CustomerNotifications>();
        services.AddSubscription<PaymentFailed, CustomerNotifications>();
        services.AddSubscription<ShipmentDispatched, CustomerNotifications>();
        services.AddSubscription<PaymentRefunded, CustomerNotifications>();
        return builder;
    }

    /// <summary>The shared pipeline and this app's endpoints.</summary>
    public static WebApplication UseNotificationService(this WebApplication app)
    {
        app.UseServiceDefaults().MapServiceApiDocument();
        app.MapPreferencesApi();
        return app;
    }
}
