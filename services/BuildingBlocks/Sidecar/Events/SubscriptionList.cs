namespace CloudPatterns.Sidecar.Events;

/// <summary>
/// The subscriptions <see cref="EventSubscriptions.AddSubscription{TEvent, THandler}"/> recorded, one per topic. It is a
/// singleton instance in the service collection, so registrations made anywhere before the app is built reach
/// <see cref="EventSubscriptions.MapSubscriptions"/>.
/// </summary>
internal sealed class SubscriptionList
{
    private readonly List<Entry> _entries = [];
    private bool _mapped;

    public static SubscriptionList In(IServiceCollection services)
    {
        if (services.LastOrDefault(d => !d.IsKeyedService && d.ServiceType == typeof(SubscriptionList))?.ImplementationInstance is SubscriptionList list)
        {
            return list;
        }

        list = new SubscriptionList();
        services.AddSingleton(list);
        return list;
    }

    /// <summary>A topic has one route in an app, /events/{topic}, so a second handler for it is a mistake found at start-up.</summary>
    public void Add(Entry entry)
    {
        if (_entries.Find(e => e.Topic == entry.Topic) is { } taken)
        {
            throw new InvalidOperationException(
                $"The app subscribes to {entry.Topic} twice ({taken.Handler.Name} and {entry.Handler.Name}): a topic has one route, so one handler must take it.");
        }

        _entries.Add(entry);
    }

    /// <summary>Every entry, once: mapping them again would subscribe to each topic twice.</summary>
    public IReadOnlyList<Entry> TakeForMapping()
    {
        if (_mapped)
        {
            throw new InvalidOperationException("MapSubscriptions was called twice: it would subscribe to each topic again.");
        }

        _mapped = true;
        return _entries;
    }

    /// <summary>A topic, its handler, and how to map the one for the other.</summary>
    public sealed record Entry(string Topic, Type Handler, Action<IEndpointRouteBuilder> Map);
}
