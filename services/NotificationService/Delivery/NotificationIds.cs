namespace CloudPatterns.NotificationService.Delivery;

/// <summary>
/// A notification's id is its order, kind and channel - not the event's id - so neither a redelivered event
/// nor a second event with the same news (orders.rejected after inventory.insufficient) sends it again.
/// </summary>
public static class NotificationIds
{
    public static string For(string orderId, NotificationKind kind, Channel channel) => StableIds.Hex("ntf_", orderId, $"{kind}", $"{channel}");
}
