namespace CloudPatterns.AnalyticsService.Summary;

/// <summary>
/// The summary in analytics-store, changed once per event id: one state transaction inserts a marker for
/// the event (insert-only) and replaces the summary over the ETag it read. A redelivered event finds its
/// marker and changes nothing; two events racing for the summary retry on a fresh read. Markers never expire: an
/// admin may replay a dead letter to its topic any time later, and every subscriber of the topic gets it again.
/// </summary>
public sealed class SummaryStore(DaprClient dapr)
{
    private const string Store = DaprComponents.AnalyticsStore;
    private const string SummaryKey = "summary";
    // Every lost race means another event was recorded, so with N events in flight a writer loses at most
    // N - 1 times: the bound only has to exceed the concurrency the app sees (then the event is retried).
    private const int MaxAttempts = 100;

    /// <summary>All keys share one partition: Cosmos DB runs a transaction only within one (other stores ignore it).</summary>
    private static readonly IReadOnlyDictionary<string, string> s_partition = StateOperations.Partition("analytics");

    public async Task<AnalyticsSummary> GetAsync(CancellationToken cancellationToken) =>
        (await dapr.ReadStateAsync<AnalyticsSummary?>(Store, SummaryKey, metadata: s_partition, cancellationToken: cancellationToken)).Value
        ?? AnalyticsSummary.Empty;

    /// <summary>
    /// False when this event was recorded before. An order event also moves the order's own record (the status it
    /// is counted in) in the same transaction, so the count per status and the orders behind it never disagree.
    /// </summary>
    public async Task<bool> RecordOnceAsync(IIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var marker = $"seen:{integrationEvent.EventId}";
        var status = SummaryProjection.StatusOf(integrationEvent);
        var orderKey = $"order:{integrationEvent.CorrelationId}";
        var result = await StateUpdate.RunAsync(
            async ct =>
            {
                var (summary, etag) = await dapr.ReadStateAsync<AnalyticsSummary?>(Store, SummaryKey, metadata: s_partition, cancellationToken: ct);
                var (counted, countedETag) = status is null ? (null, string.Empty) : await GetCountedAsync(orderKey, ct);
                return (new Tally(summary ?? AnalyticsSummary.Empty, counted, counted, countedETag), etag);
            },
            async tally => await SeenAsync(marker, cancellationToken)
                ? UpdateDecision<Tally>.Keep()
                : UpdateDecision<Tally>.Write(tally! with
                {
                    Summary = SummaryProjection.Apply(tally.Summary, integrationEvent, tally.Counted),
                    Counted = status is { } moved ? OrderLifecycle.Later(tally.Counted ?? moved, moved) : tally.Counted,
                }),
            async (tally, etag, ct) =>
            {
                List<StateTransactionRequest> writes =
                [
                    StateOperations.Write(marker, integrationEvent.OccurredAt, etag: null),
                    StateOperations.Write(SummaryKey, tally.Summary, etag),
                ];
                if (tally.Counted != tally.CountedBefore)
                {
                    writes.Add(StateOperations.Write(orderKey, tally.Counted, tally.CountedETag));
                }

                // Lost to a duplicate of this event (the next round keeps it as recorded) or to another event (read again).
                // An order's record only ever changes in a transaction that also replaces the summary, read before it,
                // so a changed order record always shows as a changed summary.
                return await StateOperations.TryWriteAsync(
                    () => dapr.ExecuteStateTransactionAsync(Store, writes, s_partition, ct),
                    async () => await SeenAsync(marker, ct) || await ChangedSinceAsync(etag, ct));
            },
            cancellationToken,
            MaxAttempts);
        result.ValueOrThrow();
        return result.Outcome == UpdateOutcome.Written;
    }

    private async Task<(OrderStatus? Status, string ETag)> GetCountedAsync(string orderKey, CancellationToken cancellationToken)
    {
        var (status, etag) = await dapr.ReadStateAsync<OrderStatus?>(Store, orderKey, metadata: s_partition, cancellationToken: cancellationToken);
        return (status, etag);
    }

    private async Task<bool> SeenAsync(string marker, CancellationToken cancellationToken) =>
        (await dapr.ReadStateAsync<DateTimeOffset?>(Store, marker, metadata: s_partition, cancellationToken: cancellationToken)).Value is not null;

    private async Task<bool> ChangedSinceAsync(string etag, CancellationToken cancellationToken)
    {
        var (_, current) = await dapr.ReadStateAsync<AnalyticsSummary?>(Store, SummaryKey, metadata: s_partition, cancellationToken: cancellationToken);
        return current != etag;
    }

    /// <summary>What one event changes: the summary, and the status its order is counted in (with that record's ETag).</summary>
    private sealed record Tally(AnalyticsSummary Summary, OrderStatus? Counted, OrderStatus? CountedBefore, string CountedETag);
}
