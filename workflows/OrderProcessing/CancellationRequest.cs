namespace CloudPatterns.Workflows.OrderProcessing;

public sealed record CancellationRequest(string Reason);
