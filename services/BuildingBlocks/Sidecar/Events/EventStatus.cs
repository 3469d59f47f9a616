namespace CloudPatterns.Sidecar.Events;

public enum EventStatus
{
    Success,
    Retry,
    Drop,
}
