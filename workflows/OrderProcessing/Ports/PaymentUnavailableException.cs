namespace CloudPatterns.Workflows.OrderProcessing.Ports;

/// <summary>payment-service or its provider cannot take the payment right now (503, timeout, no answer). Retry.</summary>
public sealed class PaymentUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
