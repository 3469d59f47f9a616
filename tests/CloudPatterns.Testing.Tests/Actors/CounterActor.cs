namespace CloudPatterns.Testing.Tests.Actors;

public interface ICounter : IActor
{
    Task<int> IncrementAsync();

    Task<int> GetAsync();

    Task FailAfterChangingStateAsync();

    Task StartRemindingAsync(TimeSpan dueTime, TimeSpan period);

    Task StopRemindingAsync();

    Task StartTimerAsync(TimeSpan dueTime);
}

/// <summary>A counter that yields between reading and writing, so overlapping calls would lose increments.</summary>
public sealed class CounterActor(ActorHost host) : Actor(host), ICounter, IRemindable
{
    private static int s_concurrent;

    public static int MaxConcurrent { get; private set; }

    public static void ResetProbe() => MaxConcurrent = 0;

    public async Task<int> IncrementAsync()
    {
        var inside = Interlocked.Increment(ref s_concurrent);
        MaxConcurrent = Math.Max(MaxConcurrent, inside);
        try
        {
            var value = await StateManager.GetOrAddStateAsync("count", 0);
            await Task.Yield();
            await StateManager.SetStateAsync("count", value + 1);
            return value + 1;
        }
        finally
        {
            Interlocked.Decrement(ref s_concurrent);
        }
    }

    public Task<int> GetAsync() => StateManager.GetOrAddStateAsync("count", 0);

    public async Task FailAfterChangingStateAsync()
    {
        await StateManager.SetStateAsync("count", 1000);
        throw new InvalidOperationException("refused");
    }

    public async Task StartRemindingAsync(TimeSpan dueTime, TimeSpan period) =>
        await RegisterReminderAsync("tick", null, dueTime, period);

    public Task StopRemindingAsync() => UnregisterReminderAsync("tick");

    public async Task StartTimerAsync(TimeSpan dueTime) =>
        await RegisterTimerAsync("once", nameof(OnTimerAsync), null, dueTime, Timeout.InfiniteTimeSpan);

    public Task OnTimerAsync() => IncrementAsync();

    public Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period) => IncrementAsync();
}
