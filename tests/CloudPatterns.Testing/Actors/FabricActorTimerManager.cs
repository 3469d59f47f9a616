using Dapr.Actors.Runtime;

namespace CloudPatterns.Testing.Actors;

/// <summary>Records reminders and timers in the fabric's actor runtime, scheduled on the fake clock.</summary>
internal sealed class FabricActorTimerManager(ActorRuntime runtime) : ActorTimerManager
{
    public override Task RegisterReminderAsync(ActorReminder reminder)
    {
        runtime.Schedule(new ScheduledCallback(
            reminder.ActorType, reminder.ActorId.GetId(), reminder.Name, IsReminder: true, TimerCallback: null,
            reminder.State, reminder.DueTime, reminder.Period, runtime.Now + reminder.DueTime));
        return Task.CompletedTask;
    }

    public override Task<IActorReminder> GetReminderAsync(ActorReminderToken reminder)
    {
        var scheduled = runtime.Find(reminder.ActorType, reminder.ActorId.GetId(), reminder.Name, isReminder: true);
        return Task.FromResult<IActorReminder>(scheduled is null
            ? null!
            : new ActorReminder(scheduled.ActorType, reminder.ActorId, scheduled.Name, scheduled.State, scheduled.DueTime, scheduled.Period));
    }

    public override Task UnregisterReminderAsync(ActorReminderToken reminder)
    {
        runtime.Unschedule(reminder.ActorType, reminder.ActorId.GetId(), reminder.Name, isReminder: true);
        return Task.CompletedTask;
    }

    public override Task RegisterTimerAsync(ActorTimer timer)
    {
        runtime.Schedule(new ScheduledCallback(
            timer.ActorType, timer.ActorId.GetId(), timer.Name, IsReminder: false, timer.TimerCallback,
            timer.Data, timer.DueTime, timer.Period, runtime.Now + timer.DueTime));
        return Task.CompletedTask;
    }

    public override Task UnregisterTimerAsync(ActorTimerToken timer)
    {
        runtime.Unschedule(timer.ActorType, timer.ActorId.GetId(), timer.Name, isReminder: false);
        return Task.CompletedTask;
    }
}
