namespace CloudPatterns.AnalyticsService.Pipeline;

/// <summary>
/// One route that takes several event types (a family, as a routing rule sends them): the CloudEvent type
/// picks the event record and its handler, then the shared delivery reads, validates and answers as for any
/// subscription. A type the family does not know is dropped to the dead-letter topic.
/// </summary>
public sealed class EventFamilyRoute
{
    private readonly Dictionary<string, Func<HttpContext, Task<IResult>>> _byType = new(StringComparer.Ordinal);

    public EventFamilyRoute Accept<TEvent, THandler>()
        where TEvent : class, IIntegrationEvent
        where THandler : IIntegrationEventHandler<TEvent>
    {
        _byType[EventTypes.Of<TEvent>().CloudEventType] = context =>
            context.RequestServices.GetRequiredService<EventDelivery>()
                .DeliverAsync(context, context.RequestServices.GetRequiredService<THandler>(), context.RequestAborted);
        return this;
    }

    public Task<IResult> DeliverAsync(HttpContext context, EventDelivery delivery)
    {
        var type = context.Request.Headers["Cloudevent.type"].ToString();
        return _byType.TryGetValue(type, out var deliver)
            ? deliver(context)
            : delivery.DropAsync(context, $"{context.Request.Path} does not take events of type '{type}'", context.RequestAborted);
    }
}
