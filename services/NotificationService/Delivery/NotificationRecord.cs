namespace CloudPatterns.NotificationService.Delivery;

/// <summary>
/// The record of one notification on one channel. <see cref="LeaseUntil"/> is set while a delivery
/// is sending, and <see cref="ClaimId"/> (new for every claim) tells that delivery's claim from any other;
/// <see cref="Attempts"/> counts the sends started. The recipient is kept (our own store) but never logged.
/// </summary>
public sealed record NotificationRecord(
    string NotificationId,
    string OrderId,
    string CustomerId,
    NotificationKind Kind,
    Channel Channel,
    string Recipient,
    NotificationStatus Status,
    int Attempts,
    DateTimeOffset? LeaseUntil,
    Guid SourceEventId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt = null,
    string? LastError = null,
    Guid? ClaimId = null);

public enum NotificationStatus
{
    /// <summary>The intent is recorded and a delivery holds the lease while it sends (or failed to, and let go).</summary>
    Sending,

    /// <summary>The binding accepted it. Final: it is never sent again.</summary>
    Sent,
}
