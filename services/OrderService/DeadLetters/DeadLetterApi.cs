namespace CloudPatterns.OrderService.DeadLetters;

/// <summary>Admin endpoints: list dead letters, look at one, replay one to its original topic.</summary>
public static class DeadLetterApi
{
    public static IEndpointRouteBuilder MapDeadLetterApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/dead-letters").WithTags("Dead letters (admin)").RequireAuthorization(Policies.Admin);
        admin.MapGetBoundAtRuntime("/", ListDeadLetters);
        admin.MapGet("/{messageId}", GetDeadLetter);
        admin.MapPost("/{messageId}/replay", ReplayDeadLetter);
        return app;
    }

    /// <summary>
    /// Dead letters, newest first, a page of the index at a time (page 1: the newest page, up to
    /// <see cref="DeadLetterStore.PageSize"/>; an empty list past the oldest); <paramref name="topic"/> keeps those of
    /// one topic on that page, which may leave it empty while older pages are not.
    /// </summary>
    [UnavailableResponse]
    public static async Task<Ok<IReadOnlyList<DeadLetter>>> ListDeadLetters(
        DeadLetterStore store, CancellationToken cancellationToken, string? topic = null,
        [Range(1, int.MaxValue, ErrorMessage = Paging.PageMessage)] int page = 1)
    {
        var listed = await store.ListAsync(page, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<DeadLetter>>(topic is null ? listed : listed.Where(d => d.Topic == topic).ToList());
    }

    [ProblemResponse(StatusCodes.Status404NotFound, "No dead letter has this message id.")]
    [UnavailableResponse]
    public static async Task<Results<Ok<DeadLetter>, ProblemHttpResult>> GetDeadLetter(string messageId, DeadLetterStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(messageId, cancellationToken) is { } deadLetter
            ? TypedResults.Ok(deadLetter)
            : ProblemResults.NotFound($"No dead letter {messageId}.");

    /// <summary>
    /// Publishes the message again to the topic it came from, with its original CloudEvent id and type,
    /// so consumers recognise it: a consumer that processed it before changes nothing the second time.
    /// </summary>
    [ProblemResponse(StatusCodes.Status404NotFound, "No dead letter with a message to replay has this id.")]
    [UnavailableResponse]
    public static async Task<Results<Ok<DeadLetter>, ProblemHttpResult>> ReplayDeadLetter(
        string messageId, DeadLetterStore store, DaprClient dapr, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadLetter = await store.GetAsync(messageId, cancellationToken);
        if (deadLetter is not { HasMessage: true, Payload: not null })
        {
            return ProblemResults.NotFound($"No dead letter {messageId} to replay.");
        }

        // daprd takes these as the CloudEvent's own (dapr/dapr v1.18.3 pkg/runtime/pubsub/cloudevents.go, "cloudevent." overrides):
        // consumers recognise the id, and routing rules that match on the type or the sender (analytics') route it as before.
        var metadata = new Dictionary<string, string> { ["cloudevent.id"] = deadLetter.MessageId };
        if (!string.IsNullOrEmpty(deadLetter.Type))
        {
            metadata["cloudevent.type"] = deadLetter.Type;
        }

        if (!string.IsNullOrEmpty(deadLetter.Source))
        {
            metadata["cloudevent.source"] = deadLetter.Source;
        }

        await dapr.PublishByteEventAsync(deadLetter.PubSubName ?? Contracts.Topics.PubSub, deadLetter.Topic!, Encoding.UTF8.GetBytes(deadLetter.Payload),
            deadLetter.ContentType ?? "application/json", metadata, cancellationToken);
        var replayed = await store.UpsertAsync(messageId, current => current! with { Replays = current.Replays + 1, LastReplayedAt = time.GetUtcNow() },
            cancellationToken);
        return TypedResults.Ok(replayed);
    }
}
