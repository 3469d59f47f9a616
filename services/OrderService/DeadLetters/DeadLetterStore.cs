using CloudPatterns.ServiceDefaults.State;
using Dapr;
using Dapr.Client;

namespace CloudPatterns.OrderService.DeadLetters;

/// <summary>Dead letters in order-query-store (they are operational records, not orders), with an index for listing.</summary>
public sealed class DeadLetterStore(DaprClient dapr)
{
    private const string Store = DaprComponents.OrderQueryStore;
    private const string IndexKey = "deadletters-index";
    private const int MaxAttempts = 8;

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

    /// <summary>Creates or changes the record of <paramref name="messageId"/> (and indexes it), retrying on write races.</summary>
    public async Task<DeadLetter> UpsertAsync(string messageId, Func<DeadLetter?, DeadLetter> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (current, etag) = await dapr.GetStateAndETagAsync<DeadLetter?>(Store, Key(messageId), metadata: s_partition, cancellationToken: cancellationToken);
            var (index, indexETag) = await dapr.GetStateAndETagAsync<List<string>?>(Store, IndexKey, metadata: s_partition, cancellationToken: cancellationToken);
            var updated = change(current);
            var writes = new List<StateTransactionRequest> { StateOperations.Write(Key(messageId), updated, etag) };
            if (index?.Contains(messageId) != true)
            {
                writes.Add(StateOperations.Write(IndexKey, (index ?? []).Append(messageId).ToList(), indexETag));
            }

            try
            {
                await dapr.ExecuteStateTransactionAsync(Store, writes, s_partition, cancellationToken);
                return updated;
            }
            catch (DaprException) when (attempt < MaxAttempts)
            {
                // Another delivery (the note, or a copy of the message) wrote first: read again.
            }
        }
    }

    private static string Key(string messageId) => $"deadletter:{messageId}";
}
