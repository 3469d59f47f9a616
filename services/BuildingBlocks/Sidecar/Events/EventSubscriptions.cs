namespace CloudPatterns.Sidecar.Events;

/// <summary>
/// The one way an app subscribes to events: <see cref="AddSubscription{TEvent, THandler}"/> for each event where the
/// app registers its services; <see cref="MapSubscriptions"/> maps them all, once (the service defaults call it).
/// </summary>
public static class EventSubscriptions
{
    public const string RoutePrefix = "/events/";

    /// <summary>The CloudEvent attributes UseCloudEvents copies into request headers (as "Cloudevent.{name}").</summary>
    public static readonly string[] ForwardedCloudEventAttributes = ["id", "type", "source", "topic", "pubsubname"];

    /// <summary>
    /// Subscribes <typeparamref name="THandler"/> to the topic <typeparamref name="TEvent"/> declares: registers the
    /// handler (scoped, once however many events it handles) and records the pair for <see cref="MapSubscriptions"/>.
    /// Subscribing to a topic the app already subscribes to throws.
    /// </summary>
    public static IServiceCollection AddSubscription<TEvent, THandler>(this IServiceCollection services)
        where TEvent : class, IIntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        services.TryAddScoped<THandler>();
        SubscriptionList.In(services).Add(new SubscriptionList.Entry(EventTypes.Of<TEvent>().Topic, typeof(THandler), Map<TEvent, THandler>));
        return services;
    }

    /// <summary>
    /// Maps every subscription added with <see cref="AddSubscription{TEvent, THandler}"/> at /events/{topic}, with the
    /// shared dead-letter topic. Listed by GET /dapr/subscribe.
    /// </summary>
    public static IEndpointRouteBuilder MapSubscriptions(this IEndpointRouteBuilder app)
    {
        foreach (var subscription in app.ServiceProvider.GetService<SubscriptionList>()?.TakeForMapping() ?? [])
        {
            subscription.Map(app);
        }

        return app;
    }

    private static void Map<TEvent, THandler>(IEndpointRouteBuilder app)
        where TEvent : class, IIntegrationEvent
        where THandler : IIntegrationEventHandler<TEvent>
    {
        var declared = EventTypes.Of<TEvent>();
        app
            .MapPost(RoutePrefix + declared.Topic, async context =>
            {
                var delivery = context.RequestServices.GetRequiredService<EventDelivery>();
                var outcome = await delivery.DeliverAsync(context, context.RequestServices.GetRequiredService<THandler>(), context.RequestAborted);
                await outcome.ExecuteAsync(context);
            })
            .WithTopic(new TopicOptions { PubsubName = Topics.PubSub, Name = declared.Topic, DeadLetterTopic = Topics.DeadLetters })
            .WithName($"subscription:{declared.Topic}")
            .ExcludeFromDescription();
    }
}
