namespace CloudPatterns.Gateway.RateLimiting;

/// <summary>
/// A permit granted, or refused with the time to wait. A granted permit can be handed back (a request that another
/// limit then refused) into the replica budget it came from, while that budget's window lasts.
/// </summary>
public readonly record struct BudgetDecision(bool Granted, TimeSpan RetryAfter, ReplicaBudget? From, DateTimeOffset WindowEnd)
{
    public static BudgetDecision Refused(TimeSpan retryAfter) => new(false, retryAfter, null, default);

    public void GiveBack() => From?.GiveBack(this);
}
