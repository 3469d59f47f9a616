namespace CloudPatterns.NotificationService;

/// <summary>The Dapr components this app uses. Each must exist and be scoped to notification-service (checked by the configuration tests).</summary>
public static class DaprComponents
{
    public const string PubSub = Topics.PubSub;

    public const string NotificationStore = "notification-store";

    /// <summary>Output binding: local files in development, SMTP or SES in the cloud.</summary>
    public const string Email = "email";

    /// <summary>Output binding: local files in development, an SMS provider in the cloud.</summary>
    public const string Sms = "sms";
}
