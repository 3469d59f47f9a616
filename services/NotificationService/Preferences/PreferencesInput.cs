namespace CloudPatterns.NotificationService.Preferences;

/// <summary>PUT body: the whole set, replacing what was saved. Phone numbers in E.164 form (+4915112345678).</summary>
public sealed record PreferencesInput(string? Email, string? Phone, bool SmsOptIn);
