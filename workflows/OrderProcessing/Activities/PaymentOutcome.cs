namespace CloudPatterns.Workflows.OrderProcessing.Activities;

/// <summary>Captured, or not and why (declined, or refused by payment-service).</summary>
public sealed record PaymentOutcome(bool Captured, string? PaymentId, string? Reason);
