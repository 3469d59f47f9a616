using CloudPatterns.Contracts.Events;
using CloudPatterns.ServiceDefaults.Events;

namespace CloudPatterns.AnalyticsService.Pipeline;

/// <summary>
/// One route that takes several event types (a family, as a routing rule sends them): the CloudEvent type
/// picks the event record and its handler, then the shared delivery reads, validates and answers as for any
/// subscription. A type the family does not know is dropped to the dead-letter topic.
/// </summary>
public sealed partial class EventFamilyRoute
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

    public Task<IResult> DeliverAsync(HttpContext context, ILogger<EventFamilyRoute> logger)
    {
        var type = context.Request.Headers["Cloudevent.type"].ToString();
        if (_byType.TryGetValue(type, out var deliver))
        {
            return deliver(context);
        }

        LogUnknownType(logger, type, context.Request.Path);
        return Task.FromResult(Results.Json(new { status = "DROP" }));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropping an event of type '{Type}' delivered to {Route}: the route does not take that type")]
    private static partial void LogUnknownType(ILogger logger, string type, string route);
}
