using Dapr.Actors.Runtime;

namespace CloudPatterns.Testing.Actors;

/// <summary>
/// The hooks the Dapr actor runtime calls around every turn (activate, pre-method, post-method which saves
/// state, failure which discards it). They are internal to Dapr.Actors, so they are reached by reflection;
/// if an SDK upgrade renames them this fails loudly at the first actor call.
/// </summary>
internal static class ActorLifecycle
{
    private static readonly MethodInfo s_activate = Find("OnActivateInternalAsync");
    private static readonly MethodInfo s_pre = Find("OnPreActorMethodAsyncInternal");
    private static readonly MethodInfo s_post = Find("OnPostActorMethodAsyncInternal");
    private static readonly MethodInfo s_failed = Find("OnActorMethodFailedInternalAsync");
    private static readonly MethodInfo s_reset = Find("ResetStateAsync");
    private static readonly PropertyInfo s_stateManager = typeof(Actor).GetProperty(nameof(Actor.StateManager))!;
    private static readonly MethodInfo s_forActor = Context("CreateForActor");
    private static readonly MethodInfo s_forTimer = Context("CreateForTimer");
    private static readonly MethodInfo s_forReminder = Context("CreateForReminder");

    public static void UseStateManager(Actor actor, IActorStateManager stateManager) => s_stateManager.SetValue(actor, stateManager);

    public static Task ActivateAsync(Actor actor) => (Task)s_activate.Invoke(actor, null)!;

    public static Task PreAsync(Actor actor, ActorMethodContext context) => (Task)s_pre.Invoke(actor, [context])!;

    public static Task PostAsync(Actor actor, ActorMethodContext context) => (Task)s_post.Invoke(actor, [context])!;

    public static async Task FailedAsync(Actor actor, ActorMethodContext context, Exception exception)
    {
        await (Task)s_failed.Invoke(actor, [context, exception])!;
        await (Task)s_reset.Invoke(actor, null)!;
    }

    public static ActorMethodContext ContextFor(string methodName, ActorCallType callType) =>
        (ActorMethodContext)(callType switch
        {
            ActorCallType.TimerMethod => s_forTimer,
            ActorCallType.ReminderMethod => s_forReminder,
            _ => s_forActor,
        }).Invoke(null, [methodName])!;

    private static MethodInfo Find(string name) =>
        typeof(Actor).GetMethod(name, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
        ?? throw new MissingMethodException(typeof(Actor).FullName, name);

    private static MethodInfo Context(string name) =>
        typeof(ActorMethodContext).GetMethod(name, BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
        ?? throw new MissingMethodException(typeof(ActorMethodContext).FullName, name);
}
