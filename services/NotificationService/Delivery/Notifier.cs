namespace CloudPatterns.NotificationService.Delivery;

/// <summary>
/// Sends a notification on every channel the customer wants, each at most once: record the intent (a
/// claim with a lease), send, then mark it sent. A notification already sent is skipped; one another
/// delivery is sending, or whose binding failed, makes the event RETRY, so nothing is lost or sent twice.
/// The window that remains: a crash (or a store failure) after the binding accepted the message and
/// before the record says Sent; once the lease has passed, a redelivery or a replay sends it again.
/// </summary>
public sealed partial class Notifier(
    PreferenceStore preferences,
    NotificationRecordStore records,
    ChannelSender sender,
    IOptionsMonitor<NotificationOptions> options,
    TimeProvider time,
    ILogger<Notifier> logger)
{
    public async Task<EventOutcome> NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        if (notification.CustomerId is null)
        {
            LogNobodyToTell(logger, notification.Kind, notification.OrderId);
            return EventOutcome.Success;
        }

        var customer = await preferences.GetAsync(notification.CustomerId, cancellationToken);
        var recipients = Recipients(customer).ToList();
        if (recipients.Count == 0)
        {
            LogNoChannel(logger, notification.Kind, notification.OrderId);
            return EventOutcome.Success;
        }

        var problems = new List<string>();
        foreach (var (channel, recipient) in recipients)
        {
            if (await SendOnceAsync(notification, channel, recipient, cancellationToken) is { } problem)
            {
                problems.Add(problem);
            }
        }

        return problems.Count == 0 ? EventOutcome.Success : EventOutcome.Retry(string.Join("; ", problems));
    }

    private static IEnumerable<(Channel Channel, string Recipient)> Recipients(NotificationPreferences customer)
    {
        if (customer.Email is { } email)
        {
            yield return (Channel.Email, email);
        }

        if (customer.WantsSms)
        {
            yield return (Channel.Sms, customer.Phone!);
        }
    }

    /// <summary>Null when the notification is sent (now or before); otherwise why it must be tried again.</summary>
    private async Task<string?> SendOnceAsync(Notification notification, Channel channel, string recipient, CancellationToken cancellationToken)
    {
        var id = NotificationIds.For(notification.OrderId, notification.Kind, channel);
        var (existing, etag) = await records.GetAsync(id, cancellationToken);
        var now = time.GetUtcNow();
        if (existing is { Status: NotificationStatus.Sent })
        {
            return null;
        }

        if (existing?.LeaseUntil > now)
        {
            return $"{channel} notification {id} is being sent by another delivery";
        }

        var claim = (existing ?? new NotificationRecord(id, notification.OrderId, notification.CustomerId!, notification.Kind, channel,
            recipient, NotificationStatus.Sending, Attempts: 0, LeaseUntil: null, notification.SourceEventId, now)) with
        {
            Recipient = recipient,
            Attempts = (existing?.Attempts ?? 0) + 1,
            LeaseUntil = now + options.CurrentValue.SendLease,
            ClaimId = Guid.NewGuid(),
        };
        if (!await records.TryClaimAsync(claim, etag, cancellationToken))
        {
            return $"{channel} notification {id} was claimed by another delivery";
        }

        try
        {
            await sender.SendAsync(claim, notification.Message, cancellationToken);
        }
        catch (DaprException ex)
        {
            await records.ReleaseAsync(claim, ex.Message, cancellationToken);
            return $"the {channel} binding failed: {ex.Message}";
        }

        await records.MarkSentAsync(claim with { Status = NotificationStatus.Sent, LeaseUntil = null, SentAt = time.GetUtcNow(), LastError = null }, cancellationToken);
        LogSent(logger, notification.Kind, channel, notification.OrderId, id, claim.Attempts);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Kind} for order {OrderId} by {Channel} as {NotificationId} (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, NotificationKind kind, Channel channel, string orderId, string notificationId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Nobody to tell about {Kind} for order {OrderId}: the event names no customer")]
    private static partial void LogNobodyToTell(ILogger logger, NotificationKind kind, string orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No channel to send {Kind} for order {OrderId}: the customer has no email address and no SMS opt-in")]
    private static partial void LogNoChannel(ILogger logger, NotificationKind kind, string orderId);
}
