namespace CloudPatterns.NotificationService.Delivery;

public enum Channel
{
    Email,
    Sms,
}
