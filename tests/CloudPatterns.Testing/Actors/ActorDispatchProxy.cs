namespace CloudPatterns.Testing.Actors;

/// <summary>A strongly typed actor proxy whose calls go through the fabric's turn-based actor runtime.</summary>
public class ActorDispatchProxy : DispatchProxy
{
    private static readonly MethodInfo s_invokeTyped = typeof(ActorRuntime).GetMethod(nameof(ActorRuntime.InvokeTypedAsync), BindingFlags.Instance | BindingFlags.NonPublic)!;

    internal ActorRuntime Runtime { get; set; } = null!;

    internal string ActorType { get; set; } = null!;

    internal ActorId ActorId { get; set; } = null!;

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var returnType = targetMethod.ReturnType;
        if (returnType == typeof(Task))
        {
            return Runtime.InvokeAsync(ActorType, ActorId, targetMethod, args ?? []);
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return s_invokeTyped.MakeGenericMethod(returnType.GetGenericArguments()[0]).Invoke(Runtime, [ActorType, ActorId, targetMethod, args ?? []]);
        }

        throw new NotSupportedException($"Actor method {targetMethod.Name} must return Task or Task<T>, as Dapr requires.");
    }
}
