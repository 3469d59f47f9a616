namespace CloudPatterns.PaymentService;

/// <summary>The Dapr components this app uses. Each must exist and be scoped to payment-service (checked by the configuration tests).</summary>
public static class DaprComponents
{
    public const string PubSub = Topics.PubSub;

    /// <summary>Payments by id (and order id): tokens and last four digits only, never card numbers.</summary>
    public const string PaymentStore = "payment-store";

    /// <summary>Holds the payment provider's API key.</summary>
    public const string SecretStore = "secretstore";
}
