namespace CloudPatterns.ImageProcessor.Resizing;

/// <summary>The original can never be resized (not an image, corrupt, truncated, too large): the event is dropped.</summary>
public sealed class UnusableImageException(string reason) : Exception(reason);
