namespace CloudPatterns.Workflows.OrderProcessing;

/// <summary>The workflow's custom status: the step it is on, so GET /orders/{id} can show progress.</summary>
public sealed record OrderProgress(string Step);
