namespace CloudPatterns.Workflows.OrderProcessing.Activities;

/// <summary>Give back whatever the order's payment captured (nothing, if it captured nothing).</summary>
public sealed record RefundCommand(string OrderId, string Reason);
