namespace CloudPatterns.OrderService.DeadLetters;

/// <summary>
/// Dead letters in order-query-store (they are operational records, not orders), listed through an index of pages:
/// each page holds the ids of at most <see cref="PageSize"/> dead letters in the order they were first kept, and a
/// head names the newest page. No document grows without bound (DynamoDB refuses an item over 400 KB, Cosmos DB one
/// over 2 MB), so a storm of poison messages is kept as surely as the first one.
/// </summary>
public sealed class DeadLetterStore(DaprClient dapr)
{
    public const int PageSize = 100;

    private const string Store = DaprComponents.OrderQueryStore;
    private const string HeadKey = "deadletters-head";

    /// <summary>Records and the index change together, so they share one partition (see <see cref="StateOperations.Partition"/>).</summary>
    private static readonly IReadOnlyDictionary<string, string> s_partition = StateOperations.Partition("deadletters");

    public async Task<DeadLetter?> GetAsync(string messageId, CancellationToken cancellationToken) =>
        (await dapr.ReadStateAsync<DeadLetter?>(Store, Key(messageId), metadata: s_partition, cancellationToken: cancellationToken)).Value;

    /// <summary>
    /// One page of the list: page 1 is the index's newest page (1 to <see cref="PageSize"/> dead letters), then the older
    /// ones, then the single index of earlier versions, where one exists, cut into pages of the same size. Empty past the
    /// oldest. Within a page, the most recently seen first.
    /// </summary>
    public async Task<IReadOnlyList<DeadLetter>> ListAsync(int page, CancellationToken cancellationToken)
    {
        var ids = await PageIdsAsync(page, cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }

        var items = await dapr.GetBulkStateAsync<DeadLetter?>(Store, ids.Select(Key).ToList(), parallelism: 4, s_partition, cancellationToken);
        return items.Select(i => i.Value).OfType<DeadLetter>().OrderByDescending(d => d.LastSeen).ToList();
    }

    /// <summary>Creates or changes the record of <paramref name="messageId"/> (and indexes it), reading again on write races.</summary>
    public async Task<DeadLetter> UpsertAsync(string messageId, Func<DeadLetter?, DeadLetter> change, CancellationToken cancellationToken)
    {
        var result = await StateUpdate.RunAsync(
            async ct => await dapr.ReadStateAsync<DeadLetter?>(Store, Key(messageId), metadata: s_partition, cancellationToken: ct),
            current => UpdateDecision<DeadLetter>.Write(change(current)),
            (letter, etag, ct) => TryWriteAsync(messageId, letter, etag, ct),
            cancellationToken);
        return result.ValueOrThrow()!;
    }

    /// <summary>
    /// The record and, the first time, its id on the newest page (on a new page when that one is full), in one
    /// transaction guarded by the ETag of every document it read.
    /// </summary>
    private async Task<bool> TryWriteAsync(string messageId, DeadLetter letter, string etag, CancellationToken cancellationToken)
    {
        var writes = new List<StateTransactionRequest> { StateOperations.Write(Key(messageId), letter, etag) };
        var firstTime = string.IsNullOrEmpty(etag);
        var (head, headETag) = firstTime ? await GetHeadAsync(cancellationToken) : (IndexHead.First, "");
        var (page, pageETag) = firstTime ? await GetPageAsync(head.Newest, cancellationToken) : ([], "");
        if (firstTime && page.Count < PageSize)
        {
            writes.Add(StateOperations.Write(PageKey(head.Newest), page.Append(messageId).ToList(), pageETag));
        }
        else if (firstTime)
        {
            writes.Add(StateOperations.Write(HeadKey, new IndexHead(head.Newest + 1), headETag));
            writes.Add(StateOperations.Write(PageKey(head.Newest + 1), new List<string> { messageId }, etag: null));
        }

        // Done when the record holds what this write meant (its answer was lost, or another delivery wrote the same): not
        // counted twice. Lost to another delivery (the note, a copy of the message, another dead letter) if a document it read moved.
        return await StateOperations.TryWriteAsync(
            () => dapr.ExecuteStateTransactionAsync(Store, writes, s_partition, cancellationToken),
            async () => (await dapr.ReadStateAsync<DeadLetter?>(Store, Key(messageId), metadata: s_partition, cancellationToken: cancellationToken)).ETag != etag
                || (firstTime && ((await GetHeadAsync(cancellationToken)).ETag != headETag || (await GetPageAsync(head.Newest, cancellationToken)).ETag != pageETag)),
            async () => await GetAsync(messageId, cancellationToken) == letter);
    }

    private async Task<IReadOnlyList<string>> PageIdsAsync(int page, CancellationToken cancellationToken)
    {
        var newest = await NewestPageAsync(cancellationToken);
        if (page <= newest)
        {
            return (await GetPageAsync(newest - page + 1, cancellationToken)).Ids;
        }

        var (earlier, _) = await GetPageAsync(0, cancellationToken);
        var end = earlier.Count - ((long)page - newest - 1) * PageSize;
        var start = Math.Max(0, end - PageSize);
        return end <= 0 ? [] : earlier.GetRange((int)start, (int)(end - start));
    }

    /// <summary>The head's newest page; before the first page filled up there is no head, and page 1 is the newest if it exists.</summary>
    private async Task<int> NewestPageAsync(CancellationToken cancellationToken)
    {
        var (head, etag) = await GetHeadAsync(cancellationToken);
        return etag.Length > 0 ? head.Newest
            : (await GetPageAsync(1, cancellationToken)).ETag.Length > 0 ? 1
            : 0;
    }

    private async Task<(IndexHead Head, string ETag)> GetHeadAsync(CancellationToken cancellationToken)
    {
        var (head, etag) = await dapr.ReadStateAsync<IndexHead?>(Store, HeadKey, metadata: s_partition, cancellationToken: cancellationToken);
        return (head ?? IndexHead.First, etag);
    }

    private async Task<(List<string> Ids, string ETag)> GetPageAsync(int number, CancellationToken cancellationToken)
    {
        var (ids, etag) = await dapr.ReadStateAsync<List<string>?>(Store, PageKey(number), metadata: s_partition, cancellationToken: cancellationToken);
        return (ids ?? [], etag);
    }

    private static string Key(string messageId) => $"deadletter:{messageId}";

    /// <summary>Page 0 is the single index of earlier versions, under its old key: read, listed last, never written to.</summary>
    private static string PageKey(int number) => number == 0 ? "deadletters-index" : $"deadletters-index:{number}";

    /// <summary>The number of the newest page; pages run from 1 (0 being the old single index).</summary>
    private sealed record IndexHead(int Newest)
    {
        public static readonly IndexHead First = new(1);
    }
}
