namespace CloudPatterns.Sidecar.State;

/// <summary>
/// The one way to change a state record that others may change too: read it with its ETag, let the caller
/// decide (write this, keep it as it is, or refuse), write with the ETag, and on a lost race read and decide
/// again, up to a bound. Running out of attempts is a failure with a reason, never a success. Documents written
/// with the record (an index, a customer's list) are read by <c>tryWrite</c> and guard the same transaction with
/// their ETags, so a race lost on any of them is read and decided again too.
/// </summary>
public static class StateUpdate
{
    public const int DefaultAttempts = 8;

    public static Task<UpdateResult<T>> RunAsync<T>(
        Func<CancellationToken, Task<(T? Current, string ETag)>> read,
        Func<T?, UpdateDecision<T>> decide,
        Func<T, string, CancellationToken, Task<bool>> tryWrite,
        CancellationToken cancellationToken,
        int maxAttempts = DefaultAttempts)
        where T : class =>
        RunCoreAsync(read, (current, _) => Task.FromResult(decide(current)), tryWrite, maxAttempts, cancellationToken);

    /// <summary>As above, for a decision that compares the record's ETag too (a client's If-Match).</summary>
    public static Task<UpdateResult<T>> RunAsync<T>(
        Func<CancellationToken, Task<(T? Current, string ETag)>> read,
        Func<T?, string, UpdateDecision<T>> decide,
        Func<T, string, CancellationToken, Task<bool>> tryWrite,
        CancellationToken cancellationToken,
        int maxAttempts = DefaultAttempts)
        where T : class =>
        RunCoreAsync(read, (current, etag) => Task.FromResult(decide(current, etag)), tryWrite, maxAttempts, cancellationToken);

    /// <summary>As above, for a decision that has to ask something first (an actor, another record).</summary>
    public static Task<UpdateResult<T>> RunAsync<T>(
        Func<CancellationToken, Task<(T? Current, string ETag)>> read,
        Func<T?, Task<UpdateDecision<T>>> decide,
        Func<T, string, CancellationToken, Task<bool>> tryWrite,
        CancellationToken cancellationToken,
        int maxAttempts = DefaultAttempts)
        where T : class =>
        RunCoreAsync(read, (current, _) => decide(current), tryWrite, maxAttempts, cancellationToken);

    private static async Task<UpdateResult<T>> RunCoreAsync<T>(
        Func<CancellationToken, Task<(T? Current, string ETag)>> read,
        Func<T?, string, Task<UpdateDecision<T>>> decide,
        Func<T, string, CancellationToken, Task<bool>> tryWrite,
        int maxAttempts,
        CancellationToken cancellationToken)
        where T : class
    {
        T? current = null;
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            (current, var etag) = await read(cancellationToken);
            var decision = await decide(current, etag);
            switch (decision.Kind)
            {
                case UpdateKind.Keep:
                    return new UpdateResult<T>(UpdateOutcome.Kept, current, null);
                case UpdateKind.Refuse:
                    return new UpdateResult<T>(UpdateOutcome.Refused, current, decision.Reason);
            }

            if (await tryWrite(decision.Value!, etag, cancellationToken))
            {
                return new UpdateResult<T>(UpdateOutcome.Written, decision.Value, null);
            }
        }

        return new UpdateResult<T>(UpdateOutcome.Exhausted, current, $"the record kept changing: {maxAttempts} attempts lost a race to other writers");
    }
}

public enum UpdateKind
{
    Write,
    Keep,
    Refuse,
}

/// <summary>What the caller decided about the record it was shown.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000:Do not declare static members on generic types",
    Justification = "UpdateDecision<OrderRecord>.Keep() names the record a decision is about at each call site; type inference cannot.")]
public readonly record struct UpdateDecision<T>(UpdateKind Kind, T? Value, string? Reason)
{
    public static UpdateDecision<T> Write(T value) => new(UpdateKind.Write, value, null);

    /// <summary>Nothing to change: the record already says what the caller wants (a repeat, a late message).</summary>
    public static UpdateDecision<T> Keep() => new(UpdateKind.Keep, default, null);

    /// <summary>The change cannot be made: <paramref name="reason"/> says why, for the caller to answer with.</summary>
    public static UpdateDecision<T> Refuse(string reason) => new(UpdateKind.Refuse, default, reason);
}

public enum UpdateOutcome
{
    Written,
    Kept,
    Refused,
    Exhausted,
}

/// <summary>How an update ended: the record as written (or as found, when kept or refused), and the reason for a refusal or exhaustion.</summary>
public readonly record struct UpdateResult<T>(UpdateOutcome Outcome, T? Value, string? Reason)
{
    /// <summary>The record; a failure naming the reason when other writers kept winning (never a success that did not happen).</summary>
    public T? ValueOrThrow() => Outcome == UpdateOutcome.Exhausted ? throw new StateContentionException(Reason!) : Value;
}

/// <summary>Other writers kept winning the race for one record: transient, so worth trying again later.</summary>
public sealed class StateContentionException(string message) : Exception(message);
