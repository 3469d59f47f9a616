namespace CloudPatterns.NotificationService;

public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Customers without saved preferences are mailed at customer-id@this-domain.</summary>
    [Required]
    public string DefaultEmailDomain { get; set; } = "example.com";

    [Required, EmailAddress]
    public string EmailFrom { get; set; } = "orders@cloudpatterns.example";

    /// <summary>
    /// How long a delivery that started sending holds the notification. A duplicate delivery meanwhile is
    /// answered RETRY; once the lease has passed, a delivery that finds it still unsent sends it (the
    /// first sender crashed). Keep it shorter than the broker's redelivery of unacknowledged messages.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SendLease { get; set; } = TimeSpan.FromSeconds(30);
}
