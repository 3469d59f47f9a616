namespace CloudPatterns.Testing.Workflows;

/// <summary>
/// Dapr.Workflow 1.19's retry loop for activities and child workflows: MaxNumberOfAttempts counts every
/// attempt; the n-th delay is FirstRetryInterval * BackoffCoefficient^(n-1), capped by MaxRetryInterval and
/// by what is left of RetryTimeout; each delay is a durable timer. Live runs and replays share it, so both
/// ask for the same attempts and timers in the same order.
/// </summary>
internal static class WorkflowRetries
{
    public static async Task<T> RunAsync<T>(WorkflowRetryPolicy? policy, Func<DateTime> now, Func<DateTime, Task> timer, Func<Task<T>> attempt)
    {
        if (policy is null)
        {
            return await attempt();
        }

        var firstAttempt = now();
        WorkflowTaskFailedException? last = null;
        for (var retry = 0; retry < policy.MaxNumberOfAttempts && (retry == 0 || Remaining(policy, firstAttempt, now()) > TimeSpan.Zero); retry++)
        {
            try
            {
                return await attempt();
            }
            catch (WorkflowTaskFailedException ex)
            {
                last = ex;
            }

            if (retry + 1 == policy.MaxNumberOfAttempts)
            {
                break;
            }

            var remaining = Remaining(policy, firstAttempt, now());
            var delay = NextDelay(policy, retry, remaining);
            if (delay <= TimeSpan.Zero)
            {
                break;
            }

            await timer(now() + delay);
            if (delay >= remaining)
            {
                break;
            }
        }

        ExceptionDispatchInfo.Throw(last!);
        return default!;
    }

    private static TimeSpan Remaining(WorkflowRetryPolicy policy, DateTime firstAttempt, DateTime now) =>
        policy.RetryTimeout == Timeout.InfiniteTimeSpan ? TimeSpan.MaxValue : policy.RetryTimeout - (now - firstAttempt);

    private static TimeSpan NextDelay(WorkflowRetryPolicy policy, int retry, TimeSpan remaining)
    {
        var delay = policy.FirstRetryInterval.TotalMilliseconds * Math.Pow(policy.BackoffCoefficient, retry);
        if (policy.MaxRetryInterval is { } max)
        {
            delay = Math.Min(delay, max.TotalMilliseconds);
        }

        return remaining == TimeSpan.MaxValue ? TimeSpan.FromMilliseconds(delay) : TimeSpan.FromMilliseconds(Math.Min(delay, remaining.TotalMilliseconds));
    }
}
