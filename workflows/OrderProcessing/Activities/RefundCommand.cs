namespace CloudPatterns.Workflows.OrderProcessing.Activities;

public sealed record RefundCommand(string OrderId, string PaymentId, string Reason);
