namespace CloudPatterns.Workflows.OrderProcessing.Ports;

/// <summary>payment-service refused the request itself (4xx other than a decline). Retrying would not help.</summary>
public sealed class PaymentRefusedException(string message) : Exception(message);
