namespace CloudPatterns.OrderService.DeadLetters;

/// <summary>Dead letters in order-query-store (they are operational records, not orders), with an index for listing.</summary>
public sealed class DeadLetterStore(DaprClient dapr)
{
    private const string Store = DaprComponents.OrderQueryStore;
    private const string IndexKey = "deadletters-index";

    /// <summary>Records and the index change together, so they share one partition (see <see cref="StateOperations.Partition"/>).</summary>
    private static readonly IReadOnlyDictionary<string, string> s_partition = StateOperations.Partition("deadletters");

    public async Task<DeadLetter?> GetAsync(string messageId, CancellationToken cancellationToken) =>
        await dapr.GetStateAsync<DeadLetter?>(Store, Key(messageId), metadata: s_partition, cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(CancellationToken cancellationToken)
    {
        var ids = await dapr.GetStateAsync<List<string>?>(Store, IndexKey, metadata: s_partition, cancellationToken: cancellationToken) ?? [];
        var items = await dapr.GetBulkStateAsync<DeadLetter?>(Store, ids.Select(Key).ToList(), parallelism: 4, s_partition, cancellationToken);
        return items.Select(i => i.Value).OfType<DeadLetter>().OrderByDescending(d => d.LastSeen).ToList();
    }

    /// <summary>Creates or changes the record of <paramref name="messageId"/> (and indexes it), reading again on write races.</summary>
    public async Task<DeadLetter> UpsertAsync(string messageId, Func<DeadLetter?, DeadLetter> change, CancellationToken cancellationToken)
    {
        var result = await StateUpdate.RunAsync(
            async ct => await dapr.GetStateAndETagAsync<DeadLetter?>(Store, Key(messageId), metadata: s_partition, cancellationToken: ct),
            current => UpdateDecision<DeadLetter>.Write(change(current)),
            (letter, etag, ct) => TryWriteAsync(messageId, letter, etag, ct),
            cancellationToken);
        return result.ValueOrThrow()!;
    }

    /// <summary>The record and, the first time, its place in the index, in one transaction guarded by both ETags.</summary>
    private async Task<bool> TryWriteAsync(string messageId, DeadLetter letter, string etag, CancellationToken cancellationToken)
    {
        var (index, indexETag) = await dapr.GetStateAndETagAsync<List<string>?>(Store, IndexKey, metadata: s_partition, cancellationToken: cancellationToken);
        var writes = new List<StateTransactionRequest> { StateOperations.Write(Key(messageId), letter, etag) };
        if (index?.Contains(messageId) != true)
        {
            writes.Add(StateOperations.Write(IndexKey, (index ?? []).Append(messageId).ToList(), indexETag));
        }

        // Lost to another delivery (the note, or a copy of the message) if either document moved.
        return await StateOperations.TryWriteAsync(
            () => dapr.ExecuteStateTransactionAsync(Store, writes, s_partition, cancellationToken),
            async () => (await dapr.GetStateAndETagAsync<DeadLetter?>(Store, Key(messageId), metadata: s_partition, cancellationToken: cancellationToken)).etag != etag
                || (await dapr.GetStateAndETagAsync<List<string>?>(Store, IndexKey, metadata: s_partition, cancellationToken: cancellationToken)).etag != indexETag);
    }

    private static string Key(string messageId) => $"deadletter:{messageId}";
}
