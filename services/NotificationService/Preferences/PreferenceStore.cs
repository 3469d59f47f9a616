namespace CloudPatterns.NotificationService.Preferences;

/// <summary>Preferences in notification-store; a PUT replaces them whole, so the last write wins.</summary>
public sealed class PreferenceStore(DaprClient dapr, IOptionsMonitor<NotificationOptions> options)
{
    private const string Store = DaprComponents.NotificationStore;

    public async Task<NotificationPreferences> GetAsync(string customerId, CancellationToken cancellationToken) =>
        (await dapr.ReadStateAsync<NotificationPreferences?>(Store, Key(customerId), cancellationToken: cancellationToken)).Value
        ?? Defaults(customerId);

    public async Task<NotificationPreferences> SaveAsync(string customerId, PreferencesInput input, CancellationToken cancellationToken)
    {
        var preferences = new NotificationPreferences(customerId, input.Email, input.Phone, input.SmsOptIn, Saved: true);
        await dapr.SaveStateAsync(Store, Key(customerId), preferences, cancellationToken: cancellationToken);
        return preferences;
    }

    private NotificationPreferences Defaults(string customerId)
    {
        var address = $"{customerId}@{options.CurrentValue.DefaultEmailDomain}";
        return new NotificationPreferences(customerId, PreferencesInput.IsEmail(address) ? address : null, Phone: null, SmsOptIn: false, Saved: false);
    }

    private static string Key(string customerId) => $"preferences:{customerId}";
}

/// <summary>
/// Where a customer wants to hear from us. <see cref="Saved"/> is false for the defaults of a customer who
/// never set any: email at customer-id@the default domain, no SMS.
/// </summary>
public sealed record NotificationPreferences(string CustomerId, string? Email, string? Phone, bool SmsOptIn, bool Saved)
{
    public bool WantsSms => SmsOptIn && Phone is not null;
}
