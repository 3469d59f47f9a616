namespace CloudPatterns.NotificationService.Delivery;

public enum NotificationStatus
{
    /// <summary>The intent is recorded and a delivery holds the lease while it sends (or failed to, and let go).</summary>
    Sending,

    /// <summary>The binding accepted it. Final: it is never sent again.</summary>
    Sent,
}
