namespace CloudPatterns.Contracts.Events;

/// <summary>Looks up the topic and CloudEvent type declared on an integration event record.</summary>
public static class EventTypes
{
    private static readonly FrozenDictionary<Type, IntegrationEventAttribute> s_byType = typeof(EventTypes).Assembly
        .GetTypes()
        .Select(t => (Type: t, Attribute: t.GetCustomAttribute<IntegrationEventAttribute>()))
        .Where(x => x.Attribute is not null)
        .ToFrozenDictionary(x => x.Type, x => x.Attribute!);

    /// <summary>Every integration event record with its topic and CloudEvent type.</summary>
    public static IReadOnlyDictionary<Type, IntegrationEventAttribute> All => s_byType;

    public static IntegrationEventAttribute Of<TEvent>() where TEvent : IIntegrationEvent => Of(typeof(TEvent));

    public static IntegrationEventAttribute Of(Type eventType) =>
        s_byType.TryGetValue(eventType, out var attribute)
            ? attribute
            : throw new InvalidOperationException($"{eventType.Name} has no [IntegrationEvent] attribute.");
}
