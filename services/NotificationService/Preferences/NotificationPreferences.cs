namespace CloudPatterns.NotificationService.Preferences;

/// <summary>
/// Where a customer wants to hear from us. <see cref="Saved"/> is false for the defaults of a customer who
/// never set any: email at customer-id@the default domain, no SMS.
/// </summary>
public sealed record NotificationPreferences(string CustomerId, string? Email, string? Phone, bool SmsOptIn, bool Saved)
{
    public bool WantsSms => SmsOptIn && Phone is not null;
}
