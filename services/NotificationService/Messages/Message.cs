namespace CloudPatterns.NotificationService.Messages;

/// <summary>One notification's words: a subject and body for email, a short text for SMS.</summary>
public sealed record Message(string Subject, string Body, string ShortText);
