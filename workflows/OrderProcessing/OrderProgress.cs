namespace CloudPatterns.Workflows.OrderProcessing;

/// <summary>
/// The workflow's custom status: the step it is on, since when (workflow time), and what keeps it there if
/// something does (a compensation waiting to be tried again). GET /orders/{id} shows the step; the stuck-orders
/// view shows all three.
/// </summary>
public sealed record OrderProgress(string Step, DateTimeOffset Since, string? Problem = null);
