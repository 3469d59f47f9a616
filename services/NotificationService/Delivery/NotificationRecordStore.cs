namespace CloudPatterns.NotificationService.Delivery;

/// <summary>Notification records in notification-store. Claims are first-write: insert-only, or over the ETag read.</summary>
public sealed class NotificationRecordStore(DaprClient dapr)
{
    private const string Store = DaprComponents.NotificationStore;

    public async Task<(NotificationRecord? Record, string ETag)> GetAsync(string notificationId, CancellationToken cancellationToken) =>
        await dapr.ReadStateAsync<NotificationRecord?>(Store, Key(notificationId), cancellationToken: cancellationToken);

    /// <summary>
    /// False when another delivery wrote the record since <paramref name="etag"/> was read (empty: it did not exist).
    /// A write whose answer was lost (the sidecar's timeout fired after the store committed) is known by the record it
    /// left, whose claim id is this claim's own: taking it for another delivery's would hold the lease against every
    /// redelivery until the event is dead-lettered.
    /// </summary>
    public async Task<bool> TryClaimAsync(NotificationRecord claim, string etag, CancellationToken cancellationToken)
    {
        try
        {
            return string.IsNullOrEmpty(etag)
                ? await InsertAsync(claim, cancellationToken)
                : await dapr.TrySaveStateAsync(Store, Key(claim.NotificationId), claim, etag, StateOperations.FirstWrite, cancellationToken: cancellationToken);
        }
        catch (DaprException)
        {
            var (stored, storedETag) = await GetAsync(claim.NotificationId, cancellationToken);
            if (stored == claim)
            {
                return true;
            }

            if (storedETag != etag)
            {
                return false;
            }

            throw;
        }
    }

    private async Task<bool> InsertAsync(NotificationRecord claim, CancellationToken cancellationToken)
    {
        await dapr.SaveStateAsync(Store, Key(claim.NotificationId), claim, StateOperations.FirstWrite, cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>Sent is final and true whoever writes it, so it needs no ETag.</summary>
    public Task MarkSentAsync(NotificationRecord sent, CancellationToken cancellationToken) =>
        dapr.SaveStateAsync(Store, Key(sent.NotificationId), sent, cancellationToken: cancellationToken);

    /// <summary>Gives the lease back after a failed send, unless another delivery took the record over meanwhile.</summary>
    public async Task ReleaseAsync(NotificationRecord claim, string error, CancellationToken cancellationToken)
    {
        var (current, etag) = await GetAsync(claim.NotificationId, cancellationToken);
        if (current is { Status: NotificationStatus.Sending } && current.ClaimId == claim.ClaimId)
        {
            await dapr.TrySaveStateAsync(Store, Key(claim.NotificationId), current with { LeaseUntil = null, LastError = error }, etag,
                StateOperations.FirstWrite, cancellationToken: cancellationToken);
        }
    }

    private static string Key(string notificationId) => $"notification:{notificationId}";
}
