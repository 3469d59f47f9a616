namespace CloudPatterns.ServiceDefaults.Events;

public enum EventStatus
{
    Success,
    Retry,
    Drop,
}
