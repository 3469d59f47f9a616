namespace CloudPatterns.Testing.Resiliency;

/// <summary>How one failed attempt counts: retried or not (permanent), and the status code it carries, if any.</summary>
public readonly record struct AttemptFailure(bool Permanent = false, int? StatusCode = null);

/// <summary>A breaker refused the call (open, or half-open with its probes taken); daprd does not retry it.</summary>
public sealed class CircuitBreakerOpenException(string target) : Exception($"{target}: circuit breaker is open");

/// <summary>
/// What one target resolves to in one sidecar: a timeout (read, not enforced: the fabric has no slow calls), a retry
/// policy and a circuit breaker, run the way daprd's policy runner runs them: retry around breaker around the
/// attempt. Every failed attempt counts in the breaker, permanent ones included; once it opens, the next attempt
/// is refused and that refusal, not the last failure, is what the caller gets.
/// </summary>
/// <remarks>https://github.com/dapr/dapr/blob/v1.18.3/pkg/resiliency/policy.go#L122-L272</remarks>
public sealed class ResiliencyPolicy(string target, TimeSpan? timeout, RetryPolicy? retry, CircuitBreaker? breaker)
{
    public static ResiliencyPolicy None(string target) => new(target, null, null, null);

    public string Target { get; } = target;

    public TimeSpan? Timeout { get; } = timeout;

    public RetryPolicy? Retry { get; } = retry;

    public CircuitBreaker? Breaker { get; } = breaker;

    /// <summary>
    /// Runs <paramref name="attempt"/> under the policy. A result <paramref name="judge"/> calls a failure (a 4xx
    /// from an invoked app) is retried like an exception, and the last one is returned when the retries run out;
    /// <paramref name="classify"/> says how an exception counts (by default: retried, no status code).
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> attempt, Func<T, AttemptFailure?>? judge = null, Func<Exception, AttemptFailure>? classify = null)
    {
        var attempts = Retry?.MaxAttempts ?? 1;
        for (var number = 1; ; number++)
        {
            if (Breaker is not null && !Breaker.TryEnter())
            {
                throw new CircuitBreakerOpenException(Target);
            }

            T result;
            try
            {
                result = await attempt();
            }
            catch (Exception ex) when (ex is not CircuitBreakerOpenException)
            {
                Breaker?.Record(success: false);
                var failure = classify?.Invoke(ex) ?? new AttemptFailure();
                if (!MayRetry(failure, number, attempts))
                {
                    throw;
                }

                continue;
            }

            if (judge?.Invoke(result) is not { } failed)
            {
                Breaker?.Record(success: true);
                return result;
            }

            Breaker?.Record(success: false);
            if (!MayRetry(failed, number, attempts))
            {
                return result;
            }

            (result as IDisposable)?.Dispose();
        }
    }

    private bool MayRetry(AttemptFailure failure, int number, int attempts) =>
        !failure.Permanent
        && number < attempts
        && (failure.StatusCode is not { } code || Retry!.Retries(code));
}
