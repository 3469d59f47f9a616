namespace CloudPatterns.Workflows.OrderProcessing;

/// <summary>Every retry policy of the order workflow, in one place.</summary>
public static class OrderWorkflowPolicies
{
    /// <summary>Calls to other services (pricing, releasing stock): 5 attempts, 1s, 2s, 4s, 8s apart.</summary>
    public static readonly WorkflowTaskOptions ServiceCall = new(new WorkflowRetryPolicy(
        maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2.0,
        maxRetryInterval: TimeSpan.FromSeconds(30), retryTimeout: null));

    /// <summary>The charge: 4 attempts, 5s, 10s, 20s apart. payment-service is idempotent on the order id, so a retry never charges twice.</summary>
    public static readonly WorkflowTaskOptions Payment = new(new WorkflowRetryPolicy(
        maxNumberOfAttempts: 4, firstRetryInterval: TimeSpan.FromSeconds(5), backoffCoefficient: 2.0,
        maxRetryInterval: TimeSpan.FromMinutes(1), retryTimeout: TimeSpan.FromMinutes(5)));

    /// <summary>Recording the order's own state: keep trying for about ten minutes.</summary>
    public static readonly WorkflowTaskOptions Bookkeeping = new(new WorkflowRetryPolicy(
        maxNumberOfAttempts: 12, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2.0,
        maxRetryInterval: TimeSpan.FromMinutes(1), retryTimeout: null));

    /// <summary>Between rounds of a compensation that keeps failing: 1 minute, doubling, at most an hour.</summary>
    public static TimeSpan CompensationDelay(int round) => TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Min(round, 6))));
}
