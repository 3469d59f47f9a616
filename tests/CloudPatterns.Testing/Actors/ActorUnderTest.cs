using Dapr.Actors.Runtime;

namespace CloudPatterns.Testing.Actors;

/// <summary>
/// One actor built with ActorHost.CreateForTest, for unit tests of its logic: in-memory state that is
/// saved at the end of each successful call and discarded when a call throws (as the runtime does), and
/// a record of the reminders it registers, which a test can fire.
/// </summary>
public sealed class ActorUnderTest<TActor> where TActor : Actor
{
    private readonly RecordingTimerManager _timers = new();

    public ActorUnderTest(string actorId, Func<ActorHost, TActor> create, JsonSerializerOptions? json = null)
    {
        json ??= new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Host = ActorHost.CreateForTest<TActor>(new ActorTestOptions { ActorId = new ActorId(actorId), TimerManager = _timers, JsonSerializerOptions = json });
        Actor = create(Host);
        ActorLifecycle.UseStateManager(Actor, new FabricActorStateManager(Store, $"test||{Host.ActorTypeInfo.ActorTypeName}||{actorId}||", json));
    }

    public ActorHost Host { get; }

    public TActor Actor { get; }

    /// <summary>Where the actor's saved state lives.</summary>
    public InMemoryStateStore Store { get; } = new("actor-state", TimeProvider.System);

    public IReadOnlyDictionary<string, ActorReminder> Reminders => _timers.Reminders;

    /// <summary>Runs one turn: pre-method hook, the call, then save (or discard on failure).</summary>
    public async Task<T> CallAsync<T>(Func<TActor, Task<T>> call, string methodName = "call")
    {
        var context = ActorLifecycle.ContextFor(methodName, ActorCallType.ActorInterfaceMethod);
        await ActorLifecycle.PreAsync(Actor, context);
        try
        {
            var result = await call(Actor);
            await ActorLifecycle.PostAsync(Actor, context);
            return result;
        }
        catch (Exception ex)
        {
            await ActorLifecycle.FailedAsync(Actor, context, ex);
            throw;
        }
    }

    /// <summary>
    /// Delivers a registered reminder as the runtime would when it comes due. A one-shot reminder (no period) is gone once
    /// its call succeeds, unless the call registered it again; a failed call leaves it, for the scheduler to try again
    /// (diagridio/go-etcd-cron v0.12.4 internal/counter/counter.go, tickNext).
    /// </summary>
    public async Task FireReminderAsync(string name)
    {
        var reminder = _timers.Reminders[name];
        var remindable = (IRemindable)Actor;
        await CallAsync(async a =>
        {
            await remindable.ReceiveReminderAsync(reminder.Name, reminder.State, reminder.DueTime, reminder.Period);
            return true;
        }, nameof(IRemindable.ReceiveReminderAsync));
        if (reminder.Period == Timeout.InfiniteTimeSpan && ReferenceEquals(_timers.Reminders.GetValueOrDefault(name), reminder))
        {
            _timers.Spent(name);
        }
    }

    private sealed class RecordingTimerManager : ActorTimerManager
    {
        private readonly Dictionary<string, ActorReminder> _reminders = [];

        public IReadOnlyDictionary<string, ActorReminder> Reminders => _reminders;

        public override Task RegisterReminderAsync(ActorReminder reminder)
        {
            _reminders[reminder.Name] = reminder;
            return Task.CompletedTask;
        }

        public override Task<IActorReminder> GetReminderAsync(ActorReminderToken reminder) =>
            Task.FromResult<IActorReminder>(_reminders.GetValueOrDefault(reminder.Name)!);

        public override Task UnregisterReminderAsync(ActorReminderToken reminder)
        {
            _reminders.Remove(reminder.Name);
            return Task.CompletedTask;
        }

        public void Spent(string name) => _reminders.Remove(name);

        public override Task RegisterTimerAsync(ActorTimer timer) => Task.CompletedTask;

        public override Task UnregisterTimerAsync(ActorTimerToken timer) => Task.CompletedTask;
    }
}
