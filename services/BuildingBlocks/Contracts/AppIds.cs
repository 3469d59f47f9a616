namespace CloudPatterns.Contracts;

/// <summary>The Dapr app ids of the system's apps: service invocation addresses apps by these names.</summary>
public static class AppIds
{
    public const string Gateway = "gateway";
    public const string ProductService = "product-service";
    public const string OrderService = "order-service";
    public const string PaymentService = "payment-service";
    public const string ShippingService = "shipping-service";
    public const string NotificationService = "notification-service";
    public const string AnalyticsService = "analytics-service";
    public const string ImageProcessor = "image-processor";
    public const string Web = "web";
}
