namespace CloudPatterns.OrderService.DeadLetters;

/// <summary>
/// The keeper of dead letters: every subscription in the system names the deadletters topic, and Dapr
/// forwards dropped or exhausted messages there unchanged. This subscription has no dead-letter topic of
/// its own (it would loop); when storing fails it asks for redelivery.
/// </summary>
public static partial class DeadLetterSubscription
{
    public const string Route = "/events/" + Topics.DeadLetters;

    private static readonly string s_noteType = EventTypes.Of<DeadLetterNote>().CloudEventType;

    public static IEndpointRouteBuilder MapDeadLetterSubscription(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, KeepAsync).WithTopic(Topics.PubSub, Topics.DeadLetters).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> KeepAsync(
        HttpRequest request, DeadLetterStore store, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var messageId = request.Headers["Cloudevent.id"].ToString();
        var type = request.Headers["Cloudevent.type"].ToString();
        var payload = await new StreamReader(request.Body).ReadToEndAsync(cancellationToken);
        var now = time.GetUtcNow();
        if (string.IsNullOrEmpty(messageId))
        {
            return Results.Json(new { status = "DROP" });
        }

        try
        {
            if (type == s_noteType && JsonSerializer.Deserialize<DeadLetterNote>(payload, JsonDefaults.Options) is { } note)
            {
                await store.UpsertAsync(note.MessageId, current => (current ?? Placeholder(note.MessageId, now)) with
                {
                    Reason = note.Reason,
                    DroppedBy = note.App,
                    Topic = current?.Topic ?? note.Topic,
                }, cancellationToken);
            }
            else
            {
                await store.UpsertAsync(messageId, current => (current ?? Placeholder(messageId, now)) with
                {
                    Topic = request.Headers["Cloudevent.topic"].ToString(),
                    PubSubName = NullIfEmpty(request.Headers["Cloudevent.pubsubname"].ToString()),
                    Type = type,
                    Source = request.Headers["Cloudevent.source"].ToString(),
                    ContentType = request.ContentType,
                    Payload = payload,
                    LastSeen = now,
                    Attempts = (current?.HasMessage == true ? current.Attempts : 0) + 1,
                }, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is DaprException or StateContentionException or JsonException)
        {
            LogNotKept(loggers.CreateLogger(typeof(DeadLetterSubscription)), messageId, ex);
            return Results.Json(new { status = ex is JsonException ? "DROP" : "RETRY" });
        }

        return Results.Json(new { status = "SUCCESS" });
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static DeadLetter Placeholder(string messageId, DateTimeOffset now) =>
        new(messageId, null, null, null, null, null, null, null, null, now, now, 0, 0, null);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not keep dead letter {MessageId}")]
    private static partial void LogNotKept(ILogger logger, string messageId, Exception exception);
}
