namespace CloudPatterns.NotificationService.Messages;

/// <summary>
/// A message for a customer about an order, and the event that caused it. Some events name no customer
/// (their customer id is optional in the contract): then there is nobody to tell.
/// </summary>
public sealed record Notification(string OrderId, string? CustomerId, NotificationKind Kind, Message Message, Guid SourceEventId);
