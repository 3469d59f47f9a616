namespace CloudPatterns.Sidecar.Events;

/// <summary>
/// The app side of one pub/sub delivery: read and check the event, hand it to its handler, and answer
/// the sidecar SUCCESS, RETRY or DROP. A malformed event can never succeed, so it is dropped (Dapr then
/// forwards it to the dead-letter topic) with the reason logged and noted; a handler that throws is
/// treated as a transient failure and retried.
/// </summary>
public sealed partial class EventDelivery(
    EventPublisher publisher, TimeProvider time, IConfiguration configuration, IHostEnvironment environment, ILogger<EventDelivery> logger)
{
    /// <summary>
    /// Events are read strictly: a missing constructor parameter or a null where the contract allows none is an
    /// error, not a default value, so a partial event is dropped instead of half-handled.
    /// </summary>
    private static readonly JsonSerializerOptions s_strict = new(JsonDefaults.Options)
    {
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    private readonly string _appId = configuration["APP_ID"] ?? environment.ApplicationName;

    public async Task<IResult> DeliverAsync<TEvent>(HttpContext context, IIntegrationEventHandler<TEvent> handler, CancellationToken cancellationToken)
        where TEvent : class, IIntegrationEvent
    {
        var topic = EventTypes.Of<TEvent>().Topic;
        var outcome = await ReadAsync<TEvent>(context.Request, cancellationToken) switch
        {
            (null, var problem) => EventOutcome.Drop(problem!),
            (var integrationEvent, _) => await HandleAsync(handler, integrationEvent, topic, cancellationToken),
        };

        return await AnswerAsync(context, topic, outcome, cancellationToken);
    }

    /// <summary>Drops a delivery no handler can take (a route that does not know the event's type), with the reason noted.</summary>
    public Task<IResult> DropAsync(HttpContext context, string reason, CancellationToken cancellationToken) =>
        AnswerAsync(context, context.Request.Headers["Cloudevent.topic"].ToString(), EventOutcome.Drop(reason), cancellationToken);

    private async Task<IResult> AnswerAsync(HttpContext context, string topic, EventOutcome outcome, CancellationToken cancellationToken)
    {
        var messageId = context.Request.Headers["Cloudevent.id"].ToString();
        switch (outcome.Status)
        {
            case EventStatus.Drop:
                LogDropped(logger, topic, messageId, outcome.Reason);
                await NoteDeadLetterAsync(messageId, topic, outcome.Reason!, cancellationToken);
                break;
            case EventStatus.Retry:
                LogRetry(logger, topic, messageId, outcome.Reason);
                break;
        }

        return Results.Json(new { status = outcome.Status.ToString().ToUpperInvariant() });
    }

    private static async Task<(TEvent? Event, string? Problem)> ReadAsync<TEvent>(HttpRequest request, CancellationToken cancellationToken)
        where TEvent : class, IIntegrationEvent
    {
        TEvent? integrationEvent;
        try
        {
            integrationEvent = await JsonSerializer.DeserializeAsync<TEvent>(request.Body, s_strict, cancellationToken);
        }
        catch (JsonException ex)
        {
            return (null, $"malformed {typeof(TEvent).Name}: {ex.Message}");
        }

        if (integrationEvent is null)
        {
            return (null, $"empty {typeof(TEvent).Name}");
        }

        var problems = EventValidation.Problems(integrationEvent);
        return problems.Count == 0 ? (integrationEvent, null) : (null, $"invalid {typeof(TEvent).Name}: {string.Join("; ", problems)}");
    }

    private async Task<EventOutcome> HandleAsync<TEvent>(
        IIntegrationEventHandler<TEvent> handler, TEvent integrationEvent, string topic, CancellationToken cancellationToken)
        where TEvent : class, IIntegrationEvent
    {
        try
        {
            return await handler.HandleAsync(integrationEvent, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogHandlerFailed(logger, topic, integrationEvent.EventId, ex);
            return EventOutcome.Retry($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task NoteDeadLetterAsync(string messageId, string topic, string reason, CancellationToken cancellationToken)
    {
        try
        {
            var note = new DeadLetterNote(Guid.NewGuid(), time.GetUtcNow(), NonEmpty(messageId, "unknown"), NonEmpty(topic, "unknown"), _appId,
                reason.Length > EventValidation.MaxTextLength ? reason[..EventValidation.MaxTextLength] : reason);
            await publisher.PublishAsync(note, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The note is a courtesy: the dropped message still reaches the dead-letter topic without it.
            LogNoteFailed(logger, topic, messageId, ex);
        }
    }

    private static string NonEmpty(string value, string otherwise) => string.IsNullOrWhiteSpace(value) ? otherwise : value;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropping message {MessageId} from {Topic} to the dead-letter topic: {Reason}")]
    private static partial void LogDropped(ILogger logger, string topic, string messageId, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} from {Topic} will be redelivered: {Reason}")]
    private static partial void LogRetry(ILogger logger, string topic, string messageId, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handler for {Topic} failed on event {EventId}")]
    private static partial void LogHandlerFailed(ILogger logger, string topic, Guid eventId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish the dead-letter note for message {MessageId} from {Topic}")]
    private static partial void LogNoteFailed(ILogger logger, string topic, string messageId, Exception exception);
}
