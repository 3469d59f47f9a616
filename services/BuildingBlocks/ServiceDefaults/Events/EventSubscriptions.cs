using CloudPatterns.Contracts;
using CloudPatterns.Contracts.Events;
using Dapr;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CloudPatterns.ServiceDefaults.Events;

public static class EventSubscriptions
{
    public const string RoutePrefix = "/events/";

    /// <summary>The CloudEvent attributes UseCloudEvents copies into request headers (as "Cloudevent.{name}").</summary>
    public static readonly string[] ForwardedCloudEventAttributes = ["id", "type", "source", "topic", "pubsubname"];

    /// <summary>
    /// Subscribes <typeparamref name="THandler"/> to the topic <typeparamref name="TEvent"/> declares, at
    /// /events/{topic}, with the shared dead-letter topic. Listed by GET /dapr/subscribe.
    /// </summary>
    public static RouteHandlerBuilder MapSubscription<TEvent, THandler>(this IEndpointRouteBuilder app)
        where TEvent : class, IIntegrationEvent
        where THandler : IIntegrationEventHandler<TEvent>
    {
        var declared = EventTypes.Of<TEvent>();
        return app
            .MapPost(RoutePrefix + declared.Topic, (HttpContext context, THandler handler, EventDelivery delivery) =>
                delivery.DeliverAsync(context, handler, context.RequestAborted))
            .WithTopic(new TopicOptions { PubsubName = Topics.PubSub, Name = declared.Topic, DeadLetterTopic = Topics.DeadLetters })
            .WithName($"subscription:{declared.Topic}")
            .ExcludeFromDescription();
    }
}
