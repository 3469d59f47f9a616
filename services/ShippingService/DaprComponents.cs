namespace CloudPatterns.ShippingService;

/// <summary>The Dapr components this app uses. Each must exist and be scoped to shipping-service (checked by the configuration tests).</summary>
public static class DaprComponents
{
    public const string PubSub = Topics.PubSub;

    public const string ShippingStore = "shipping-store";
}
