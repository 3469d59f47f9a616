using Dapr.Actors.Runtime;

namespace CloudPatterns.Testing.Actors;

/// <summary>
/// Dapr's virtual actors in one process. Each app's registered actor types (from its
/// ActorRuntimeOptions) are placed on that app; a call from any app activates the real actor class
/// from the hosting app's services, with state in the app's actor state store. Calls to one actor id
/// are turn-based: one at a time, each wrapped in the runtime's pre/post hooks so state is saved when
/// a turn succeeds and discarded when it throws. Arguments and results cross as JSON, as on the wire.
/// Reminders and timers fire when the fabric's fake clock reaches them.
/// </summary>
public sealed class ActorRuntime
{
    private readonly DaprTestFabric _fabric;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ActorTypeHost> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Type, string Id), Task<Activation>> _activations = [];
    private readonly List<ScheduledCallback> _scheduled = [];
    private readonly FabricActorTimerManager _timers;

    internal ActorRuntime(DaprTestFabric fabric)
    {
        _fabric = fabric;
        _timers = new FabricActorTimerManager(this);
    }

    /// <summary>Reminders and timers currently registered.</summary>
    public IReadOnlyList<ScheduledCallback> Scheduled
    {
        get
        {
            lock (_gate)
            {
                return [.. _scheduled];
            }
        }
    }

    internal DateTimeOffset Now => _fabric.Time.GetUtcNow();

    internal DateTimeOffset? NextDueAt
    {
        get
        {
            lock (_gate)
            {
                return _scheduled.Count == 0 ? null : _scheduled.Min(s => s.DueAt);
            }
        }
    }

    public IActorProxyFactory ProxyFactoryFor(string callerAppId) => new ProxyFactory(this, callerAppId);

    /// <summary>Drops every activation, so the next call re-activates actors from their stored state (as after a restart).</summary>
    public void DeactivateAll()
    {
        lock (_gate)
        {
            _activations.Clear();
        }
    }

    internal void RegisterHost(FabricApp app)
    {
        var options = app.Services.GetService<IOptions<ActorRuntimeOptions>>()?.Value;
        if (options is null || options.Actors.Count == 0)
        {
            return;
        }

        var store = _fabric.RequireActorStateStore(app.AppId, "hosts actors");
        var json = options.JsonSerializerOptions ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);
        lock (_gate)
        {
            foreach (var registration in options.Actors)
            {
                _types[registration.Type.ActorTypeName] = new ActorTypeHost(app, registration.Type, store, json);
            }
        }
    }

    internal Task InvokeAsync(string actorType, ActorId id, MethodInfo method, object?[] args) =>
        CallAsync(actorType, id, method.Name, ActorCallType.ActorInterfaceMethod, async (actor, host) =>
        {
            var implementation = Implementation(actor, method);
            await (Task)implementation.Invoke(actor, RoundTrip(args, implementation.GetParameters(), host.Json))!;
            return null;
        });

    internal async Task<T> InvokeTypedAsync<T>(string actorType, ActorId id, MethodInfo method, object?[] args)
    {
        var result = await CallAsync(actorType, id, method.Name, ActorCallType.ActorInterfaceMethod, async (actor, host) =>
        {
            var implementation = Implementation(actor, method);
            var value = await (Task<T>)implementation.Invoke(actor, RoundTrip(args, implementation.GetParameters(), host.Json))!;
            return JsonSerializer.SerializeToUtf8Bytes(value, host.Json);
        });
        return JsonSerializer.Deserialize<T>((byte[])result!, _types[actorType].Json)!;
    }

    internal void Schedule(ScheduledCallback callback)
    {
        lock (_gate)
        {
            _scheduled.RemoveAll(s => Same(s, callback.ActorType, callback.ActorId, callback.Name, callback.IsReminder));
            _scheduled.Add(callback);
        }
    }

    internal void Unschedule(string actorType, string actorId, string name, bool isReminder)
    {
        lock (_gate)
        {
            _scheduled.RemoveAll(s => Same(s, actorType, actorId, name, isReminder));
        }
    }

    internal ScheduledCallback? Find(string actorType, string actorId, string name, bool isReminder)
    {
        lock (_gate)
        {
            return _scheduled.FirstOrDefault(s => Same(s, actorType, actorId, name, isReminder));
        }
    }

    /// <summary>Fires every reminder and timer due at <paramref name="now"/>, earliest first.</summary>
    internal async Task FireDueAsync(DateTimeOffset now)
    {
        while (true)
        {
            ScheduledCallback? due;
            lock (_gate)
            {
                due = _scheduled.Where(s => s.DueAt <= now).OrderBy(s => s.DueAt).FirstOrDefault();
                if (due is null)
                {
                    return;
                }

                _scheduled.Remove(due);
                if (due.IsPeriodic)
                {
                    _scheduled.Add(due with { DueAt = due.DueAt + due.Period });
                }
            }

            await FireAsync(due);
        }
    }

    private Task<object?> FireAsync(ScheduledCallback due)
    {
        var id = new ActorId(due.ActorId);
        return due.IsReminder
            ? CallAsync(due.ActorType, id, nameof(IRemindable.ReceiveReminderAsync), ActorCallType.ReminderMethod, async (actor, _) =>
            {
                var remindable = actor as IRemindable
                    ?? throw new InvalidOperationException($"{due.ActorType} registered reminder {due.Name} but does not implement IRemindable.");
                await remindable.ReceiveReminderAsync(due.Name, due.State!, due.DueTime, due.Period);
                return null;
            })
            : CallAsync(due.ActorType, id, due.TimerCallback!, ActorCallType.TimerMethod, async (actor, _) =>
            {
                var callback = actor.GetType().GetMethod(due.TimerCallback!, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                    ?? throw new MissingMethodException(actor.GetType().Name, due.TimerCallback);
                var parameters = callback.GetParameters().Length == 0 ? null : new object?[] { due.State };
                await (Task)callback.Invoke(actor, parameters)!;
                return null;
            });
    }

    private async Task<object?> CallAsync(string actorType, ActorId id, string methodName, ActorCallType callType, Func<Actor, ActorTypeHost, Task<object?>> body)
    {
        var activation = await ActivateAsync(actorType, id);
        await activation.Turn.WaitAsync();
        try
        {
            var context = ActorLifecycle.ContextFor(methodName, callType);
            await ActorLifecycle.PreAsync(activation.Actor, context);
            object? result;
            try
            {
                result = await body(activation.Actor, activation.Host);
            }
            catch (Exception ex)
            {
                var cause = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
                await ActorLifecycle.FailedAsync(activation.Actor, context, cause);
                throw new ActorMethodInvocationException($"{actorType}.{methodName} on {id} failed: {cause.Message}", cause, isTransient: false);
            }

            await ActorLifecycle.PostAsync(activation.Actor, context);
            return result;
        }
        finally
        {
            activation.Turn.Release();
        }
    }

    private Task<Activation> ActivateAsync(string actorType, ActorId id)
    {
        lock (_gate)
        {
            if (!_types.TryGetValue(actorType, out var host))
            {
                throw new ActorMethodInvocationException(
                    $"did not find address for actor {actorType}/{id}: no app in the fabric hosts actor type {actorType}", isTransient: false);
            }

            if (!_activations.TryGetValue((actorType, id.GetId()), out var activation))
            {
                activation = CreateActivationAsync(host, id);
                _activations[(actorType, id.GetId())] = activation;
            }

            return activation;
        }
    }

    private async Task<Activation> CreateActivationAsync(ActorTypeHost host, ActorId id)
    {
        await Task.Yield();
        var scope = host.App.Services.CreateAsyncScope();
        var actorHost = ActorHost.CreateForTest(host.Type.ImplementationType, host.Type.ActorTypeName, new ActorTestOptions
        {
            ActorId = id,
            TimerManager = _timers,
            JsonSerializerOptions = host.Json,
            LoggerFactory = scope.ServiceProvider.GetRequiredService<ILoggerFactory>(),
            ProxyFactory = ProxyFactoryFor(host.App.AppId),
        });
        var actor = (Actor)ActivatorUtilities.CreateInstance(scope.ServiceProvider, host.Type.ImplementationType, actorHost);
        var keyPrefix = $"{host.App.AppId}||{host.Type.ActorTypeName}||{id.GetId()}||";
        var policy = _fabric.Resiliency.ComponentOutbound(host.App.AppId, host.StateStoreName);
        ActorLifecycle.UseStateManager(actor, new FabricActorStateManager(_fabric.StateStore(host.StateStoreName), keyPrefix, host.Json, policy));
        await ActorLifecycle.ActivateAsync(actor);
        return new Activation(actor, host, scope);
    }

    private static MethodInfo Implementation(Actor actor, MethodInfo interfaceMethod)
    {
        var map = actor.GetType().GetInterfaceMap(interfaceMethod.DeclaringType!);
        return map.TargetMethods[Array.IndexOf(map.InterfaceMethods, interfaceMethod)];
    }

    private static object?[] RoundTrip(object?[] args, ParameterInfo[] parameters, JsonSerializerOptions json) =>
        args.Select((arg, i) => parameters[i].ParameterType == typeof(CancellationToken)
                ? arg
                : JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(arg, parameters[i].ParameterType, json), parameters[i].ParameterType, json))
            .ToArray();

    private static bool Same(ScheduledCallback s, string actorType, string actorId, string name, bool isReminder) =>
        s.ActorType == actorType && s.ActorId == actorId && s.Name == name && s.IsReminder == isReminder;

    private sealed record ActorTypeHost(FabricApp App, ActorTypeInformation Type, string StateStoreName, JsonSerializerOptions Json);

    private sealed record Activation(Actor Actor, ActorTypeHost Host, AsyncServiceScope Scope)
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);
    }

    private sealed class ProxyFactory(ActorRuntime runtime, string callerAppId) : IActorProxyFactory
    {
        public string CallerAppId { get; } = callerAppId;

        public TActorInterface CreateActorProxy<TActorInterface>(ActorId actorId, string actorType, ActorProxyOptions? options = null)
            where TActorInterface : IActor =>
            (TActorInterface)CreateActorProxy(actorId, typeof(TActorInterface), actorType, options);

        public object CreateActorProxy(ActorId actorId, Type actorInterfaceType, string actorType, ActorProxyOptions? options = null)
        {
            var proxy = (ActorDispatchProxy)typeof(DispatchProxy)
                .GetMethod(nameof(DispatchProxy.Create), 2, Type.EmptyTypes)!
                .MakeGenericMethod(actorInterfaceType, typeof(ActorDispatchProxy))
                .Invoke(null, null)!;
            proxy.Runtime = runtime;
            proxy.ActorType = actorType;
            proxy.ActorId = actorId;
            return proxy;
        }

        public ActorProxy Create(ActorId actorId, string actorType, ActorProxyOptions? options = null) =>
            throw new NotSupportedException("The fabric supports strongly typed actor proxies only (CreateActorProxy<TActorInterface>).");
    }
}
